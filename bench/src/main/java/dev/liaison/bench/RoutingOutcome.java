package dev.liaison.bench;

import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What became of the tickets of one run at the fake Zendesk. A ticket is routed when exactly one PUT reached it and
 * that PUT carried its decision with the connection's credentials; missing, duplicated and wrong count the ways it
 * was not (a ticket with two wrong PUTs counts under both). Latency runs from the ticket's send to its first PUT.
 */
record RoutingOutcome(int tickets, long routed, long missing, long duplicated, long wrong, LatencyStats latency) {

    /** A ticket whose delivery was acknowledged, and when it was sent. */
    record Dispatched(RoutedTicket ticket, long sentAtNanos) {
    }

    static RoutingOutcome of(List<Dispatched> dispatched, Map<Long, List<PutArrival>> puts, String authorization) {
        Histogram latency = LatencyStats.histogram();
        long routed = 0;
        long missing = 0;
        long duplicated = 0;
        long wrong = 0;
        for (Dispatched ticket : dispatched) {
            List<PutArrival> arrivals = puts.getOrDefault(ticket.ticket().id(), List.of());
            if (arrivals.isEmpty()) {
                missing++;
                continue;
            }
            long first = arrivals.stream().mapToLong(PutArrival::atNanos).min().orElseThrow();
            LatencyStats.record(latency, first - ticket.sentAtNanos());
            boolean allRight = arrivals.stream().allMatch(put -> carries(ticket.ticket(), put, authorization));
            if (!allRight) {
                wrong++;
            }
            if (arrivals.size() > 1) {
                duplicated++;
            } else if (allRight) {
                routed++;
            }
        }
        return new RoutingOutcome(dispatched.size(), routed, missing, duplicated, wrong, LatencyStats.of(latency));
    }

    /** Every acknowledged ticket got exactly one right PUT. */
    boolean exactlyOnce() {
        return routed == tickets;
    }

    private static boolean carries(RoutedTicket ticket, PutArrival put, String authorization) {
        if (!authorization.equals(put.authorization())) {
            return false;
        }
        try {
            return ticket.isRoutedBy(Json.createReader(new StringReader(put.body())).readObject());
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }
}
