/**
 * Running the database work queues: {@code Drainer} drains one queue with a fixed number of workers on the server's
 * managed scheduler (container threads, so transactions and CDI work), woken at once when new work is committed and
 * polling only as a fallback; {@code WorkQueues} holds the inbox's and the outbox's settings ({@code liaison.inbox.*},
 * {@code liaison.outbox.*}); {@code Backoff} spaces retries.
 */
package dev.liaison.platform.work;
