package dev.liaison.bench;

/**
 * A ticket PUT as the fake Zendesk received it.
 *
 * @param atNanos       {@link System#nanoTime()} when the request had arrived, on the clock the sends are timed by
 * @param authorization the Authorization header, to check Liaison used the connection's API token
 */
record PutArrival(long atNanos, String authorization, String body) {
}
