/**
 * Help-desk routing rules: an ordered, schema-validated YAML file whose first matching rule decides a ticket's group,
 * assignee, priority and tags. Conditions are Jakarta Expression Language over {@code ticket}, {@code profile},
 * {@code deals} and {@code loyalty}.
 *
 * <p>A pure library: {@link dev.liaison.scenario.routing.RoutingRules#parse(String)} loads a file,
 * {@link dev.liaison.scenario.routing.Router} decides; storing rules and traces, and counting routed and open
 * tickets ({@link dev.liaison.scenario.routing.AgentLoad}), belong to the caller.
 */
package dev.liaison.scenario.routing;
