/**
 * Liaison's own metrics for Prometheus, through the Micrometer registry of WildFly's {@code micrometer} layer:
 * {@link dev.liaison.platform.metrics.PipelineMetrics} counts what happens (webhooks, processing, refusals, scenario
 * starts), {@link dev.liaison.platform.metrics.QueueGauges} reads what stands (backlogs, their age, dead letters,
 * overdue data-subject requests) from the database every few seconds, and
 * {@link dev.liaison.platform.metrics.RemoteCallMetrics} hears the connectors' rate limits and circuit breakers.
 * {@link dev.liaison.platform.metrics.Meters} is the one place meters are registered, each with its help text.
 */
package dev.liaison.platform.metrics;
