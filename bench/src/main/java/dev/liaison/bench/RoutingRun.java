package dev.liaison.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One open-loop run of tickets through a path to the fake Zendesk: sends them on schedule, waits until every
 * acknowledged ticket has had a PUT (or the drain timeout passes), waits a little longer so that a late second PUT
 * is seen, and tells what became of each ticket.
 */
final class RoutingRun {

    /** How a ticket travels to Zendesk: through Liaison, or straight from the benchmark for the ceiling. */
    @FunctionalInterface
    interface Path {
        PacedSender.Request prepare(RoutedTicket ticket);
    }

    /**
     * @param cpu  CPU time from the first send until the last PUT arrived (or the drain timeout)
     * @param wall the same span
     */
    record Result(String name, OpenLoopSchedule schedule, PacedSender.Result sending, RoutingOutcome outcome,
                  CpuTime cpu, Duration wall, boolean drainTimedOut) {
    }

    /** A lost answer makes the outbox retry after its base backoff (2 s), so a duplicate would land within this. */
    static final Duration DUPLICATE_GRACE = Duration.ofSeconds(3);
    private static final Duration DRAIN_POLL = Duration.ofMillis(20);

    private final ZendeskTicketFake zendesk;
    private final CpuMeter cpu;
    private final Duration drainTimeout;

    RoutingRun(ZendeskTicketFake zendesk, CpuMeter cpu, Duration drainTimeout) {
        this.zendesk = zendesk;
        this.cpu = cpu;
        this.drainTimeout = drainTimeout;
    }

    Result run(String name, long firstTicketId, OpenLoopSchedule schedule, Path path) throws InterruptedException {
        List<RoutedTicket> tickets = IntStream.range(0, schedule.count())
                .mapToObj(index -> RoutedTicket.of(firstTicketId, index)).toList();
        CpuTime cpuBefore = cpu.now();
        long startedAt = System.nanoTime();
        PacedSender.Result sending = new PacedSender().run(schedule, index -> path.prepare(tickets.get(index)));
        List<RoutingOutcome.Dispatched> dispatched = sending.sent().stream()
                .map(sent -> new RoutingOutcome.Dispatched(tickets.get(sent.index()), sent.sentAtNanos())).toList();
        List<Long> ids = dispatched.stream().map(ticket -> ticket.ticket().id()).toList();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (zendesk.ticketsPut(ids) < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(DRAIN_POLL.toMillis());
        }
        boolean timedOut = zendesk.ticketsPut(ids) < ids.size();
        Duration wall = Duration.ofNanos(System.nanoTime() - startedAt);
        CpuTime used = cpu.now().minus(cpuBefore);
        Thread.sleep(DUPLICATE_GRACE.toMillis());
        Map<Long, List<PutArrival>> puts = zendesk.puts(ids);
        return new Result(name, schedule, sending, RoutingOutcome.of(dispatched, puts, ZendeskTicketFake.AUTHORIZATION),
                used, wall, timedOut);
    }
}
