package dev.liaison.connectors.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    @Test
    void vendorTimesAreBoundedLikeEveryEventTimeNamingTheField() throws Exception {
        for (String time : new String[] {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00Z", "1899-12-31T23:59Z"}) {
            assertThatThrownBy(() -> JsonFields.instant(time, "ticket.updated_at")).as(time)
                    .isInstanceOfSatisfying(MalformedPayloadException.class, e -> assertThat(e.violations())
                            .extracting(InputViolation::field).containsExactly("ticket.updated_at"));
        }
        assertThat(JsonFields.instant("2024-04-17T17:18+03:00", "ticket.updated_at"))
                .isEqualTo(Instant.parse("2024-04-17T14:18:00Z"));
    }
}
