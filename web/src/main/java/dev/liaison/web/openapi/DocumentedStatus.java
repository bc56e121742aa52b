package dev.liaison.web.openapi;

/** A status an operation can answer and what it means there; the description starts with the problem type. */
record DocumentedStatus(String code, String description) {
}
