package dev.liaison.web.loyalty;

import dev.liaison.scenario.loyalty.LedgerEntry;
import dev.liaison.scenario.loyalty.LoyaltyStore;
import dev.liaison.scenario.loyalty.LoyaltySummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/loyalty/{id}}: balance, tier, points expiring soon and the newest ledger entries. */
public record LoyaltyView(String profileId, long balance, String tier, Instant tierSince, long qualifyingPoints,
                          Instant windowStart, String nextTier, Long pointsToNextTier, List<Expiring> expiringSoon,
                          List<Entry> recent) {

    /** Points of one earn entry that expire at {@code expiresAt} unless spent first. */
    public record Expiring(long points, Instant expiresAt) {
    }

    /** One ledger entry. */
    public record Entry(long id, String kind, long points, String reason, String rule, BigDecimal sourceAmount,
                        String sourceCurrency, String sourceConnection, String sourceRef, Instant occurredAt,
                        Instant expiresAt, Instant recordedAt) {

        static Entry of(LedgerEntry entry) {
            return new Entry(entry.id(), entry.kind().name(), entry.points(), entry.reason(), entry.ruleName(),
                    entry.sourceAmount(), entry.sourceCurrency(), entry.sourceConnection(), entry.sourceRef(),
                    entry.occurredAt(), entry.expiresAt(), entry.recordedAt());
        }
    }

    static LoyaltyView of(LoyaltySummary summary) {
        return new LoyaltyView(summary.profileId(), summary.balance(), summary.tier(), summary.tierSince(),
                summary.qualifyingPoints(), summary.windowStart(),
                summary.nextTier() == null ? null : summary.nextTier().name(),
                summary.nextTier() == null ? null : summary.nextTier().threshold() - summary.qualifyingPoints(),
                summary.expiringSoon().stream().map(LoyaltyView::expiring).toList(),
                summary.recent().stream().map(Entry::of).toList());
    }

    private static Expiring expiring(LoyaltyStore.Lot lot) {
        return new Expiring(lot.remaining(), lot.expiresAt());
    }
}
