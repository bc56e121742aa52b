package dev.liaison.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The directory's cache is fed by unauthenticated paths: made-up ids must neither reach the database nor pile up. */
class ConnectionDirectoryTest {

    private static final String KNOWN = "3f1c2b1e-8a4d-4c55-9a51-6f1d2e3c4b5a";
    private static final Duration TTL = Duration.ofSeconds(5);

    private final List<String> lookups = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void aKnownConnectionIsLookedUpOncePerTimeToLive() {
        ConnectionDirectory directory = directory();

        assertThat(directory.active(KNOWN)).isPresent();
        assertThat(directory.active(KNOWN)).isPresent();
        now = now.plus(TTL).plusSeconds(1);
        assertThat(directory.active(KNOWN)).isPresent();

        assertThat(lookups).containsExactly(KNOWN, KNOWN);
    }

    @Test
    void theCurrentConnectionIsReadEveryTimeAndRefreshesTheCache() {
        ConnectionDirectory directory = directory();

        assertThat(directory.active(KNOWN)).isPresent();
        assertThat(directory.current(KNOWN)).isPresent();
        assertThat(directory.current(KNOWN)).isPresent();
        assertThat(directory.active(KNOWN)).as("served from what current read").isPresent();

        assertThat(lookups).containsExactly(KNOWN, KNOWN, KNOWN);
        assertThat(directory.current(null)).isEmpty();
    }

    @Test
    void anIdLongerThanAnyConnectionIdIsNeitherLookedUpNorKept() {
        ConnectionDirectory directory = directory();

        assertThat(directory.active("x".repeat(10_000))).isEmpty();
        assertThat(directory.active("x".repeat(ConnectionDirectory.MAX_ID_LENGTH + 1))).isEmpty();
        assertThat(directory.active("")).isEmpty();

        assertThat(lookups).isEmpty();
        assertThat(directory.size()).isZero();
    }

    @Test
    void madeUpIdsStopBeingKeptOnceTheCacheIsLargeAndExpiredOnesAreSwept() {
        ConnectionDirectory directory = directory();
        directory.active(KNOWN);

        for (int i = 0; i < ConnectionDirectory.SWEEP_ABOVE * 2; i++) {
            assertThat(directory.active(UUID.randomUUID().toString())).isEmpty();
        }
        assertThat(directory.size()).isEqualTo(ConnectionDirectory.SWEEP_ABOVE + 1);

        now = now.plus(TTL).plusSeconds(1);
        directory.active(UUID.randomUUID().toString());

        assertThat(directory.size()).as("everything expired was swept, the new unknown id kept").isEqualTo(1);
        assertThat(directory.active(KNOWN)).isPresent();
    }

    private ConnectionDirectory directory() {
        ConnectionStore store = new ConnectionStore(null, null, null) {
            @Override
            public Optional<ConnectionContext> findInAnyWorkspace(String id) {
                lookups.add(id);
                return Optional.of(new ConnectionContext(KNOWN, "default", "webhook", Map.of()))
                        .filter(connection -> connection.id().equals(id));
            }
        };
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new ConnectionDirectory(store, clock, TTL);
    }
}
