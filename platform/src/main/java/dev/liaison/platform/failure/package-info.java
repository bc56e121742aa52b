/**
 * How failures are described where people read them (logs, the admin API, dead letters): by exception type, SQLState
 * and the names of fields, never by the exception's message, which can quote a payload and so personal data.
 */
package dev.liaison.platform.failure;
