/**
 * MicroProfile Health checks for an orchestrator or a load balancer, served on the management interface
 * ({@code /health/ready}, {@code /health/live}): a node is ready when its database answers with the schema its code
 * expects, and live while its background workers make progress. A node keeps no state of its own, so a node that is
 * not live is replaced, not repaired.
 *
 * <p>They live in this module, in the EAR's lib, not in the WAR: WildFly 39 registers the health checks it finds
 * among the beans of the top-level deployment, and a check declared in the WAR (a sub-deployment) was never called
 * (its {@code /health/ready} listed only the default {@code ready-deployment.liaison.ear.web.war}).
 */
package dev.liaison.platform.health;
