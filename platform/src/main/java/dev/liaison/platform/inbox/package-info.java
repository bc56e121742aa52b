/**
 * The durable webhook inbox: a delivery's raw request is stored here, unique per connection and deduplication key,
 * before the sender gets its 202, and concurrent deliveries share one commit ({@code GroupCommit}). {@code
 * InboundEvent} is how every parsed canonical event is handed on, as a synchronous CDI event inside the transaction
 * that processes its entry, so every stage of the pipeline commits or rolls back with it.
 */
package dev.liaison.platform.inbox;
