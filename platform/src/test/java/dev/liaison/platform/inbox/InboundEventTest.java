package dev.liaison.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboundEventTest {

    private static final ConnectionContext CONNECTION = new ConnectionContext("c-1", "default", "bitrix24", Map.of());
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static InboundEvent event(Instant occurredAt, boolean fromSync) {
        return new InboundEvent(CONNECTION, Set.of(), 1, 0, new ContactDeleted(CONNECTION.ref("7"), occurredAt),
                fromSync);
    }

    @Test
    void aSyncedRecordOlderThanTheHorizonIsHistory() {
        assertThat(event(NOW.minus(DAY).minusSeconds(1), true).historical(NOW, DAY)).isTrue();
        assertThat(event(NOW.minus(DAY).plusSeconds(1), true).historical(NOW, DAY)).isFalse();
    }

    @Test
    void aWebhooksEventIsNeverHistoryHoweverLateItArrives() {
        assertThat(event(NOW.minus(Duration.ofDays(400)), false).historical(NOW, DAY)).isFalse();
        assertThat(new InboundEvent(CONNECTION, Set.of(), 1, 0, new ContactDeleted(CONNECTION.ref("7"),
                NOW.minus(Duration.ofDays(400)))).fromSync()).isFalse();
    }
}
