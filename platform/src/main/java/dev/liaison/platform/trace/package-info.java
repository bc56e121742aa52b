/**
 * Correlation ids: which delivery a log line, an inbox entry or an outbox action belongs to. {@link
 * dev.liaison.platform.trace.RequestIds} checks a sender's id or makes one up; {@link
 * dev.liaison.platform.trace.Correlation} carries it through the thread that processes the delivery, so that stores
 * and loggers down the pipeline can pick it up without every method passing it on.
 */
package dev.liaison.platform.trace;
