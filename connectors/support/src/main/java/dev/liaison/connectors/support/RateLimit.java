package dev.liaison.connectors.support;

/**
 * An upstream limit for one connection, as a leaky/token bucket: {@code burst} requests at once, refilled at
 * {@code perSecond}. Bitrix24 standard plans are 2/s with burst 50, Enterprise 5/s with 250; amoCRM 7/s.
 */
public record RateLimit(double perSecond, long burst) {

    public RateLimit {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
    }
}
