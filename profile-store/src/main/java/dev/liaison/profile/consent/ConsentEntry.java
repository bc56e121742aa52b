package dev.liaison.profile.consent;

import dev.liaison.profile.person.Source;
import java.time.Instant;

/** A consent decision to append to the ledger. */
public record ConsentEntry(String purpose, String channel, Decision decision, Source source, Evidence evidence,
                           Instant occurredAt) {
}
