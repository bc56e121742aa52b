/**
 * Scenarios and the rules that act on what happens: the scenario engine ({@code dev.liaison.scenario.engine}),
 * help-desk routing rules ({@code dev.liaison.scenario.routing}) and their place in the server
 * ({@code dev.liaison.scenario.tickets}), the loyalty program ({@code dev.liaison.scenario.loyalty}), and what their
 * YAML files share ({@code dev.liaison.scenario.yaml}). Conditions are sandboxed Jakarta Expression Language; effects
 * go through the outbox. The module sits in the one-way dependency chain
 * {@code scenario-module -> profile-store -> platform -> connector-api}.
 */
package dev.liaison.scenario;
