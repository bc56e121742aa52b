package dev.liaison.web.loyalty;

/**
 * The body of a redemption ({@code points} positive) or an adjustment ({@code points} positive or negative, not 0).
 * The idempotency key makes a retried request answer the first one instead of spending twice.
 */
public record PointsRequest(Long points, String reason, String idempotencyKey) {
}
