/**
 * Scenarios: triggers on canonical events, conditions in Jakarta Expression Language, actions through the outbox.
 * Help-desk routing rules live in {@code dev.liaison.scenario.routing}; the loyalty journeys (messaging issue) are
 * still to come. The module sits in the one-way dependency chain
 * {@code scenario-module -> profile-store, connector-api}.
 */
package dev.liaison.scenario;
