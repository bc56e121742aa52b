package dev.liaison.scenario.loyalty;

import dev.liaison.scenario.routing.Condition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * Points for a won deal: its amount times the rate of its currency, rounded once. {@code condition} is
 * {@code null} when the rule applies to every won deal.
 */
public record EarningRule(String name, Condition condition, Map<String, BigDecimal> pointsPerUnit,
                          RoundingMode rounding, int line) {

    public EarningRule {
        pointsPerUnit = Map.copyOf(pointsPerUnit);
    }

    /**
     * The points, rounded to a whole number but not yet bounded: a ledger amount of 15 integer digits times a rate
     * can exceed a {@code long}, so the caller compares it with {@link LoyaltyService#POINTS_LIMIT} before
     * converting. Empty when the rule has no rate for the currency.
     */
    public Optional<BigDecimal> points(BigDecimal amount, String currency) {
        BigDecimal rate = currency == null ? null : pointsPerUnit.get(currency);
        if (rate == null) {
            return Optional.empty();
        }
        return Optional.of(amount.multiply(rate).setScale(0, rounding));
    }
}
