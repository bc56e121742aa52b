package dev.liaison.scenario.loyalty;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The loyalty program: earning rules, tiers over a rolling window and the expiry period of earned points. Loaded
 * from YAML and validated as a whole, see {@code config/scenarios/loyalty.yaml}.
 */
public record LoyaltyProgram(List<EarningRule> earning, List<Tier> tiers, Period window, Period expiry) {

    public LoyaltyProgram {
        earning = List.copyOf(earning);
        tiers = List.copyOf(tiers);
    }

    public static LoyaltyProgram parse(String yaml) throws LoyaltyProgramException {
        return ProgramParser.parse(yaml);
    }

    public Tier baseTier() {
        return tiers.get(0);
    }

    /** The highest tier whose threshold the points reach. */
    public Tier tierFor(long qualifyingPoints) {
        Tier reached = baseTier();
        for (Tier tier : tiers) {
            if (qualifyingPoints >= tier.threshold()) {
                reached = tier;
            }
        }
        return reached;
    }

    public Instant expiresAt(Instant earnedAt) {
        return plus(earnedAt, expiry);
    }

    /** Earn entries that occurred after this instant count towards the tier at {@code now}. */
    public Instant windowStart(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(window).toInstant();
    }

    /** When an entry that occurred at {@code occurredAt} leaves the rolling window. */
    public Instant leavesWindow(Instant occurredAt) {
        return plus(occurredAt, window);
    }

    // Periods are counted in UTC so that every node computes the same instant; Instant itself cannot add months.
    private static Instant plus(Instant instant, Period period) {
        return instant.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
}
