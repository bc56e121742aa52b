package dev.liaison.profile.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonMatcherTest {

    private final PersonMatcher matcher = new PersonMatcher(SubjectSnapshot.submitted(List.of(
                    new Identity(IdentityKind.EMAIL, "ivan.petrov@example.com"),
                    new Identity(IdentityKind.PHONE, "+79031453455")), Map.of())
            .withProfiles(List.of("p-1"), List.of(), List.of(new SubjectSnapshot.Name("Иван", "Петров"))), "RU");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"phone\":\"8 903 145-34-55\"}",
            "{\"phone\":\"+7 (903) 145 34 55\"}",
            "{\"phone\":\"79031453455\"}",
            "data%5BFIELDS%5D%5BPHONE%5D%5B0%5D%5BVALUE%5D=8+903+145-34-55",
            "contact=%2B79031453455",
            "{\"email\":\"Ivan.Petrov@Example.com\"}",
            "email=ivan.petrov%40example.com",
            "{\"name\":\"\\u0418\\u0432\\u0430\\u043d\",\"last\":\"\\u041f\\u0435\\u0442\\u0440\\u043e\\u0432\"}",
            "{\"first_name\":\"Иван\",\"last_name\":\"Петров\"}"
    })
    void recognisesThePersonHoweverTheSourceWroteThem(String payload) {
        assertThat(matcher.mentions(payload)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"phone\":\"8 903 145-34-56\"}",
            "{\"first_name\":\"Иван\",\"last_name\":\"Сидоров\"}",
            "{\"email\":\"petrov@example.com\",\"id\":90314534551}",
            ""
    })
    void leavesOtherPeopleAlone(String payload) {
        assertThat(matcher.mentions(payload)).isFalse();
    }
}
