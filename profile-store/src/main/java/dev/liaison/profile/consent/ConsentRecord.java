package dev.liaison.profile.consent;

import dev.liaison.profile.person.Source;
import java.time.Instant;

/** One ledger entry as read back: immutable, like the row it comes from. */
public record ConsentRecord(long id, String profileId, String purpose, String channel, Decision decision,
                            Source source, Evidence evidence, Instant occurredAt, Instant recordedAt) {
}
