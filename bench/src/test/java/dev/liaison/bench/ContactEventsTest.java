package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactEventsTest {

    @Test
    void anEventCarriesThePersonsRecordIdEmailAndNationalPhone() {
        String body = new String(ContactEvents.body(1_234_567, Instant.parse("2026-11-23T10:15:30.123Z")),
                StandardCharsets.US_ASCII);

        assertThat(body).startsWith("{\"id\":\"upsert-1234567\",\"type\":\"contact.upserted\","
                        + "\"occurredAt\":\"2026-11-23T10:15:30Z\"")
                .contains("\"data\":{\"id\":\"1234567\"", "\"emails\":[\"person-1234567@example.com\"]",
                        "\"phones\":[\"8 903 123-45-67\"]", "\"lastName\":\"Bench\"");
    }

    @Test
    void deliveriesAreSignedWithTheirOwnEventId() {
        SignedDelivery delivery = new ContactEvents("secret").about(9, Instant.parse("2026-11-23T10:15:30Z"));

        assertThat(delivery.eventId()).isEqualTo("upsert-9");
        assertThat(delivery.timestamp()).isEqualTo("1795428930");
        assertThat(delivery.signature()).isNotBlank();
    }
}
