package dev.liaison.scenario.loyalty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the append-only points ledger. {@code points} is signed: positive for earn, negative for redeem and
 * expire, either for adjust. The source columns say where an earn came from (connection, deal, inbox entry and
 * position); {@code expiredEntryId} names the earn entry an expire entry closed.
 */
public record LedgerEntry(long id, String profileId, EntryKind kind, long points, String sourceKey, String ruleName,
                          BigDecimal sourceAmount, String sourceCurrency, String sourceConnection, String sourceRef,
                          Long inboxEntryId, Integer inboxSeq, Long expiredEntryId, String reason,
                          Instant occurredAt, Instant expiresAt, Instant recordedAt) {

    static LedgerEntry manual(String profileId, EntryKind kind, long points, String sourceKey, String reason,
                              Instant now) {
        return new LedgerEntry(0, profileId, kind, points, sourceKey, null, null, null, null, null, null, null, null,
                reason, now, null, now);
    }

    /** This entry as stored under {@code storedId}: what reading it back after the insert would give. */
    LedgerEntry withId(long storedId) {
        return new LedgerEntry(storedId, profileId, kind, points, sourceKey, ruleName, sourceAmount, sourceCurrency,
                sourceConnection, sourceRef, inboxEntryId, inboxSeq, expiredEntryId, reason, occurredAt, expiresAt,
                recordedAt);
    }
}
