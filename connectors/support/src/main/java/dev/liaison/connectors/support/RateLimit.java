package dev.liaison.connectors.support;

/**
 * An upstream limit for one connection, as a leaky/token bucket: {@code burst} requests at once, refilled at
 * {@code perSecond}. Bitrix24 standard plans are 2/s with burst 50, Enterprise 5/s with 250; amoCRM 7/s.
 */
public record RateLimit(double perSecond, long burst) {

    /**
     * How far under a vendor's published rate the connectors pace by default. The bucket runs on Liaison's clock
     * and the vendor's limiter on its own: a client that paces exactly at the limit is seen one request over now and
     * then, by a few milliseconds of network jitter. Each refusal costs far more than the margin: amoCRM's 429 has
     * no {@code Retry-After}, so the backoff spends several slots; a Zendesk export refusal spends a six-second slot.
     */
    public static final double PACING_MARGIN = 0.05;

    public RateLimit {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
    }

    /** Paces {@link #PACING_MARGIN} under a vendor's published {@code perSecond}, with the vendor's burst. */
    public static RateLimit underPublished(double perSecond, long burst) {
        return new RateLimit(perSecond * (1 - PACING_MARGIN), burst);
    }
}
