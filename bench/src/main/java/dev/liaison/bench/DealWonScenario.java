package dev.liaison.bench;

import dev.liaison.scenario.engine.Occurrence;
import dev.liaison.scenario.engine.TriggerType;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The scenario the benchmark starts, and the won deals that start it: one deal per profile, each matching the
 * trigger condition. The 150 points it awards lift a new profile from basic to silver (threshold 100 in the shipped
 * program), so every run also starts the shipped tier-upgrade-congratulation scenario, nested in the same
 * transaction: two runs and two queued messages per start.
 */
final class DealWonScenario {

    static final String NAME = "bench-deal-won";
    static final String DEFINITION = """
            scenario: bench-deal-won
            trigger: { event: deal.won, when: "deal.currency == 'RUB' and deal.amount >= 1000" }
            steps:
              - award: { points: 150, reason: won deal }
              - send: { connection: mail, channel: email, purpose: marketing_email, template: tier-upgrade,
                        variables: { points: "${loyalty.balance}" } }
            """;
    static final String NESTED = "tier-upgrade-congratulation";
    static final String NESTED_FILE = NESTED + ".yaml";
    private static final BigDecimal AMOUNT = new BigDecimal(20000);

    private DealWonScenario() {
    }

    /** What the CRM reported about deal number {@code index}: what conditions see as {@code deal}. */
    static Map<String, Object> facts(int index) {
        return Map.of("id", "d" + index, "amount", AMOUNT, "currency", "RUB");
    }

    static Occurrence wonDeal(String profileId, int index) {
        return new Occurrence(TriggerType.DEAL_WON, profileId, "deal:bench:" + index, null, "d" + index,
                facts(index));
    }
}
