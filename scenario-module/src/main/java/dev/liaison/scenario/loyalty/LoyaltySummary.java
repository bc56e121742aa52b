package dev.liaison.scenario.loyalty;

import java.time.Instant;
import java.util.List;

/**
 * A profile's loyalty at a glance: balance, tier and how it was reached, the next tier, the points that expire
 * within the look-ahead, and the newest ledger entries. {@code nextTier} is {@code null} at the top tier.
 */
public record LoyaltySummary(String profileId, long balance, String tier, Instant tierSince, long qualifyingPoints,
                             Instant windowStart, Tier nextTier, List<LoyaltyStore.Lot> expiringSoon,
                             List<LedgerEntry> recent) {

    public LoyaltySummary {
        expiringSoon = List.copyOf(expiringSoon);
        recent = List.copyOf(recent);
    }
}
