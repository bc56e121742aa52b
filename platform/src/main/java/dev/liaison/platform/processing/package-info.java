/**
 * Processing of inbox entries: workers claim due entries, and each attempt is one transaction that parses the entry
 * through its connector, fires an {@code InboundEvent} per canonical event, journals them and marks the entry done. A
 * failure rolls all of that back and is recorded in a transaction of its own, so the entry is retried with backoff and
 * finally dead with its reason; a crash at any point leaves the entry due again.
 */
package dev.liaison.platform.processing;
