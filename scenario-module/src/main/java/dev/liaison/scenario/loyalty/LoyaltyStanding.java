package dev.liaison.scenario.loyalty;

import java.time.Instant;

/**
 * What scenario conditions and texts see of a profile's loyalty ({@code loyalty.*}), read in one query: the figures
 * of {@link LoyaltySummary} without its ledger lines. {@code nextExpiry} is when the first of the points expiring
 * within the look-ahead expire, {@code null} when none do; {@code nextTier} is {@code null} at the top tier.
 */
public record LoyaltyStanding(long balance, String tier, long qualifyingPoints, long expiringPoints,
                              Instant nextExpiry, Tier nextTier) {
}
