/**
 * Scenarios: triggers on canonical events, conditions in Jakarta Expression Language, actions through the outbox.
 * The routing rules (Zendesk issue) and the loyalty journeys (messaging issue) are built here; until then the
 * module only fixes its place in the one-way dependency chain {@code scenario-module -> profile-store, connector-api}.
 */
package dev.liaison.scenario;
