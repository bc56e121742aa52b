package dev.liaison.profile.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttributeValueTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Source CRM = new Source("bitrix24", "c-1", "89");
    private static final Source DESK = new Source("zendesk", "c-2", "6596848315901");

    @Test
    void theMoreRecentSourceTimeWins() {
        AttributeValue stored = new AttributeValue("firstName", "Anna", CRM, T0);

        assertThat(new AttributeValue("firstName", "Ann", DESK, T0.plusSeconds(1)).supersedes(stored)).isTrue();
        assertThat(new AttributeValue("firstName", "Ann", DESK, T0.minusSeconds(1)).supersedes(stored)).isFalse();
    }

    @Test
    void onATieTheIncomingValueWins() {
        AttributeValue stored = new AttributeValue("language", "ru", CRM, T0);

        assertThat(new AttributeValue("language", "en", DESK, T0).supersedes(stored)).isTrue();
    }

    @Test
    void anythingBeatsNothing() {
        assertThat(new AttributeValue("company", "ACME", CRM, Instant.EPOCH).supersedes(null)).isTrue();
    }
}
