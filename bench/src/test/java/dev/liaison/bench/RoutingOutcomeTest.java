package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingOutcomeTest {

    private static final String AUTH = ZendeskTicketFake.AUTHORIZATION;
    private static final long MS = 1_000_000L;

    @Test
    void latencyRunsFromTheSendToTheFirstPut() {
        RoutedTicket a = RoutedTicket.of(1, 0);
        RoutedTicket b = RoutedTicket.of(1, 1);

        RoutingOutcome outcome = RoutingOutcome.of(
                List.of(new RoutingOutcome.Dispatched(a, 1_000 * MS), new RoutingOutcome.Dispatched(b, 1_050 * MS)),
                Map.of(a.id(), List.of(put(a, 1_010 * MS)), b.id(), List.of(put(b, 1_080 * MS))), AUTH);

        assertThat(outcome.routed()).isEqualTo(2);
        assertThat(outcome.exactlyOnce()).isTrue();
        assertThat(outcome.latency().count()).isEqualTo(2);
        assertThat(outcome.latency().p50Millis()).isCloseTo(10.0, within(0.05));
        assertThat(outcome.latency().maxMillis()).isCloseTo(30.0, within(0.05));
    }

    @Test
    void missingDuplicatedAndWrongPutsAreCountedAndNotRouted() {
        RoutedTicket missing = RoutedTicket.of(1, 0);
        RoutedTicket twice = RoutedTicket.of(1, 1);
        RoutedTicket wrong = RoutedTicket.of(1, 2);
        RoutedTicket stranger = RoutedTicket.of(1, 3);

        RoutingOutcome outcome = RoutingOutcome.of(List.of(dispatched(missing), dispatched(twice), dispatched(wrong),
                        dispatched(stranger)),
                Map.of(twice.id(), List.of(put(twice, 5 * MS), put(twice, 2_000 * MS)),
                        wrong.id(), List.of(new PutArrival(5 * MS, AUTH, TicketPaths.update(twice))),
                        stranger.id(), List.of(new PutArrival(5 * MS, "Basic other", TicketPaths.update(stranger)))),
                AUTH);

        assertThat(outcome.tickets()).isEqualTo(4);
        assertThat(outcome.routed()).isZero();
        assertThat(outcome.missing()).isEqualTo(1);
        assertThat(outcome.duplicated()).isEqualTo(1);
        assertThat(outcome.wrong()).as("wrong decision, wrong credentials").isEqualTo(2);
        assertThat(outcome.exactlyOnce()).isFalse();
        assertThat(outcome.latency().count()).as("a latency for every ticket that had a PUT").isEqualTo(3);
    }

    @Test
    void anUnreadableBodyIsWrong() {
        RoutedTicket ticket = RoutedTicket.of(1, 0);

        RoutingOutcome outcome = RoutingOutcome.of(List.of(dispatched(ticket)),
                Map.of(ticket.id(), List.of(new PutArrival(1, AUTH, "not json"))), AUTH);

        assertThat(outcome.wrong()).isEqualTo(1);
    }

    private static RoutingOutcome.Dispatched dispatched(RoutedTicket ticket) {
        return new RoutingOutcome.Dispatched(ticket, 0);
    }

    private static PutArrival put(RoutedTicket ticket, long atNanos) {
        return new PutArrival(atNanos, AUTH, TicketPaths.update(ticket));
    }
}
