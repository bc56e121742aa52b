package dev.liaison.scenario.loyalty;

import java.time.Instant;

/**
 * A profile's tier changed. Fired synchronously inside the transaction that changed it (the inbox entry's for a won
 * deal, the worker's for an expiry or a tier review), so an observer's failure rolls the change back and an
 * observer's writes commit with it. The workspace is the current one ({@code WorkspaceContext}).
 */
public record TierChanged(String profileId, String from, String to, Instant at) {
}
