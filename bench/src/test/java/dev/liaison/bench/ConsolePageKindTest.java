package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsolePageKindTest {

    private static final String CONNECTION = "c-1";

    @Test
    void searchesTypeWhatAnAgentWould() {
        assertThat(ConsolePageKind.SEARCH_EMAIL.path(42, CONNECTION)).isEqualTo(
                "/console/people?q=person-42%40example.com");
        assertThat(ConsolePageKind.SEARCH_PHONE.path(42, CONNECTION)).isEqualTo(
                "/console/people?q=8+903+000-00-42");
        assertThat(ConsolePageKind.SEARCH_EXTERNAL.path(42, CONNECTION)).isEqualTo(
                "/console/people?q=webhook%7Cc-1%7C42");
        assertThat(ConsolePageKind.PERSON.path(42, CONNECTION)).isEqualTo(
                "/console/people/00000000-0000-4000-8000-000000000042");
    }

    @Test
    void aSearchCountsOnlyWhenItFoundExactlyThatPerson() {
        String link = "<a href=\"/console/people/" + Population.profileId(42) + "\">";
        String other = "<a href=\"/console/people/" + Population.profileId(43) + "\">";

        assertThat(ConsolePageKind.SEARCH_EMAIL.shows("<nav><a href=\"/console/people\">People</a></nav>" + link,
                42, CONNECTION)).isTrue();
        assertThat(ConsolePageKind.SEARCH_EMAIL.shows(other, 42, CONNECTION)).isFalse();
        assertThat(ConsolePageKind.SEARCH_EMAIL.shows(link + other, 42, CONNECTION)).isFalse();
    }

    @Test
    void aThousandPeopleShareEachLastNameAndNoneIsThePrefixOfAnother() {
        assertThat(PersonDetailsLoader.lastName(7)).isEqualTo("Benchmark-007");
        assertThat(PersonDetailsLoader.lastName(1_000_417)).isEqualTo("Benchmark-417");
        assertThat(ConsolePageKind.SEARCH_NAME.path(417, CONNECTION)).isEqualTo("/console/people?q=Benchmark-417");
    }

    @Test
    void aFullPersonsPageMustShowTheirDealsTicketAndRouting() {
        String person = "<code>" + Population.profileId(40) + "</code> person-40@example.com Benchmark-040";
        String full = person + " marketing_sms Bench deal 40-2 Bench ticket 40 <strong class=\"routing-rule\">bench-vip";

        assertThat(ConsolePageKind.PERSON.shows(person, 40, CONNECTION)).isTrue();
        assertThat(ConsolePageKind.PERSON_FULL.shows(person, 40, CONNECTION)).isFalse();
        assertThat(ConsolePageKind.PERSON_FULL.shows(full, 40, CONNECTION)).isTrue();
    }
}
