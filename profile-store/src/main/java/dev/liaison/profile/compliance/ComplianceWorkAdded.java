package dev.liaison.profile.compliance;

/** Fired when request execution has new due work; observed after commit to wake the worker at once. */
public record ComplianceWorkAdded(String requestId) {
}
