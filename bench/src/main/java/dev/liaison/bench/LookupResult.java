package dev.liaison.bench;

/** Lookups of one kind at one concurrency: through the API, and the plain indexed SELECT that is their ceiling. */
record LookupResult(LookupKind kind, int concurrency, Measurement api, Measurement ceiling) {
}
