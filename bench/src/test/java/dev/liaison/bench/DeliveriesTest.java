package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DeliveriesTest {

    private final Deliveries deliveries = new Deliveries("bench-secret");

    @Test
    void bodyIsPaddedToTheRealisticSize() {
        assertThat(Deliveries.body(7)).hasSize(Deliveries.BODY_BYTES);
        assertThat(Deliveries.body(123_456_789L)).hasSize(Deliveries.BODY_BYTES);
    }

    @Test
    void everySequenceIsItsOwnEvent() {
        String body = new String(Deliveries.body(42), StandardCharsets.US_ASCII);

        assertThat(body).startsWith("{\"id\":\"evt-42\",\"type\":\"contact.upserted\"")
                .contains("\"emails\":[\"person-42@example.com\"]")
                .endsWith("\"}}}");
        assertThat(Deliveries.body(43)).isNotEqualTo(Deliveries.body(42));
    }

    @Test
    void signsTimestampDotBodyWithHmacSha256AsTheServerExpects() throws Exception {
        SignedDelivery delivery = deliveries.next(5, Instant.ofEpochSecond(1_795_000_000L));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("bench-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("1795000000.".getBytes(StandardCharsets.US_ASCII));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(delivery.body()));

        assertThat(delivery.eventId()).isEqualTo("evt-5");
        assertThat(delivery.timestamp()).isEqualTo("1795000000");
        assertThat(delivery.signature()).isEqualTo(expected);
    }
}
