/**
 * Outbound resilience the connectors share: {@code RemoteCalls} sends every vendor call with a per-connection rate
 * limit, {@code Retry-After}, backoff with jitter, a circuit breaker and a timeout, and sends single-use grants only
 * once. The state behind these is per connection, which MicroProfile Fault Tolerance's per-method annotations cannot
 * hold.
 */
package dev.liaison.connectors.support;
