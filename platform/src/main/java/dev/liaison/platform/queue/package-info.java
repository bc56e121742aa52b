/**
 * Claiming work from database tables on any number of nodes: {@code DueRows} takes the oldest due row with a lock that
 * other workers skip ({@code FOR UPDATE SKIP LOCKED}). The inbox, the outbox and the other work tables are queues
 * because of it; Liaison needs no message broker.
 */
package dev.liaison.platform.queue;
