/**
 * Help-desk routing inside the server: the workspace's stored rule sets, the observer that routes each new ticket of a
 * connector that can route (after the profile store has applied it) and puts the decision in the outbox, and the
 * routing traces that explain every decision. The rules themselves are the pure library {@code
 * dev.liaison.scenario.routing}.
 */
package dev.liaison.scenario.tickets;
