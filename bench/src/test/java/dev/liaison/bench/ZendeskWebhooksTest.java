package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connectors.zendesk.ZendeskSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZendeskWebhooksTest {

    @Test
    void signsTimestampAndRawBodyAsZendeskDoes() {
        // printf '%s' '2026-11-23T10:00:00Z{"a":1}' | openssl dgst -sha256 -hmac bench-zendesk-secret -binary | base64
        assertThat(ZendeskSignature.sign("bench-zendesk-secret", "2026-11-23T10:00:00Z",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Z3e68Kjb9A6uITorV00cgSxeoqAvorMlIX+/uqRPdnQ=");
    }

    @Test
    void aTicketCreatedEventNamesTheTicketItsRequesterAndPriority() {
        RoutedTicket ticket = RoutedTicket.of(30_000_000L, 0);
        ZendeskWebhooks.Signed delivery = new ZendeskWebhooks("secret")
                .ticketCreated(ticket, Instant.parse("2026-11-23T10:00:00.789Z"));

        JsonObject event = Json.createReader(new ByteArrayInputStream(delivery.body())).readObject();
        assertThat(delivery.timestamp()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(delivery.signature()).isEqualTo(ZendeskSignature.sign("secret", delivery.timestamp(),
                delivery.body()));
        assertThat(event.getString("type")).isEqualTo("zen:event-type:ticket.created");
        assertThat(event.getString("id")).isEqualTo("bench-ticket-30000000");
        assertThat(event.getString("subject")).isEqualTo("zen:ticket:30000000");
        JsonObject detail = event.getJsonObject("detail");
        assertThat(detail.getString("id")).isEqualTo("30000000");
        assertThat(detail.getString("requester_id")).isEqualTo(Long.toString(ticket.requesterId()));
        assertThat(detail.getString("priority")).isEqualTo("High");
        assertThat(detail.getJsonArray("tags").getString(0)).isEqualTo("web");
    }

    @Test
    void everyOtherTicketIsNotUrgent() {
        assertThat(new String(ZendeskWebhooks.body(RoutedTicket.of(1, 1), "t"), StandardCharsets.UTF_8))
                .contains("\"priority\":\"Normal\"");
    }
}
