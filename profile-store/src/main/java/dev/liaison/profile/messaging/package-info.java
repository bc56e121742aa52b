/**
 * Everything between a decision to contact a person and the gateway: {@code ConsentGate}, the one question scenarios
 * and messaging ask; {@code Messages}, which only enqueues a send as an outbox action; {@code MessageGate}, asked
 * again right before the send (erasure, restriction, consent, suppression, quiet hours, frequency cap); the message
 * log, moved on by gateways' delivery reports; and hard suppressions, kept as salted hashes.
 */
package dev.liaison.profile.messaging;
