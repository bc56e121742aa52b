package dev.liaison.profile.consent;

/**
 * A decision was appended to the ledger. Fired synchronously inside the transaction that appended it, so a scenario
 * it starts commits or rolls back with the entry. The workspace is the current one.
 */
public record ConsentRecorded(ConsentRecord record) {
}
