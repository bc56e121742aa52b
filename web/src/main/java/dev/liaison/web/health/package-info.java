/**
 * MicroProfile Health checks for an orchestrator or a load balancer, served on the management interface
 * ({@code /health/ready}, {@code /health/live}): a node is ready when its database answers with the schema its code
 * expects, and live while its background workers make progress. A node keeps no state of its own, so a node that is
 * not live is replaced, not repaired.
 */
package dev.liaison.web.health;
