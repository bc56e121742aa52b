package dev.liaison.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ConsentChanged;
import dev.liaison.connector.api.ContactDeleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboxEntryProcessingTest {

    private static final ConnectionContext CONNECTION = new ConnectionContext("c-1", "w-1", "bitrix24", Map.of());
    private static final Instant NOW = Instant.parse("2026-01-31T10:15:30Z");

    @Test
    void anEventThatCouldNeverBeStoredIsNamedByItsFieldsNotItsValues() {
        String contactId = "7".repeat(300);
        ConsentChanged consent = new ConsentChanged(CONNECTION.ref("e-1"), NOW, CONNECTION.ref(contactId),
                "marketing", "email", true, null);

        assertThat(InboxEntryProcessing.outOfBounds(List.of(consent))).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("out of bounds: consent.changed subjectRef.id must be at most 255 characters")
                .doesNotContain("777"));
    }

    @Test
    void eventsWithinBoundsPass() {
        assertThat(InboxEntryProcessing.outOfBounds(List.of(new ContactDeleted(CONNECTION.ref("42"), NOW)))).isEmpty();
    }
}
