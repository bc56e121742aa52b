package dev.liaison.scenario.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class LoyaltyProgramTest {

    private static final String PROGRAM = """
            earning:
              - name: won-deal
                trigger: deal.won
                points-per-unit:
                  RUB: 0.01
                  USD: 1
              - name: vip-bonus
                trigger: deal.won
                when: "profile.attributes.tier == 'VIP' and deal.amount > 1000"
                points-per-unit: { RUB: 0.005 }
                rounding: half-up
            tiers:
              window: P365D
              levels:
                - { name: basic, threshold: 0 }
                - { name: silver, threshold: 100 }
            expiry:
              after: P12M
            """;

    @Test
    void theShippedProgramLoads() {
        LoyaltyProgram program = LoyaltySettings.load("");

        assertThat(program.earning()).extracting(EarningRule::name).contains("won-deal");
        assertThat(program.baseTier().threshold()).isZero();
        assertThat(program.earning().get(0).points(new BigDecimal("15000"), "RUB").map(BigDecimal::longValueExact))
                .contains(150L);
        assertThat(program.tierFor(150).name()).isEqualTo("silver");
        assertThat(program.expiry()).isEqualTo(Period.ofMonths(12));
    }

    @Test
    void rulesTiersAndPeriodsAreRead() throws Exception {
        LoyaltyProgram program = LoyaltyProgram.parse(PROGRAM);

        assertThat(program.earning()).hasSize(2);
        assertThat(program.earning().get(1).condition().paths())
                .containsExactly("profile.attributes.tier", "deal.amount");
        assertThat(program.tiers()).containsExactly(new Tier("basic", 0), new Tier("silver", 100));
        assertThat(program.tierFor(99).name()).isEqualTo("basic");
        assertThat(program.tierFor(100).name()).isEqualTo("silver");
        assertThat(program.expiresAt(Instant.parse("2026-02-28T10:00:00Z")))
                .isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
        assertThat(program.windowStart(Instant.parse("2026-12-31T00:00:00Z")))
                .isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
    }

    @Test
    void pointsAreRoundedOnceAsTheRuleSays() throws Exception {
        LoyaltyProgram program = LoyaltyProgram.parse(PROGRAM);
        EarningRule down = program.earning().get(0);
        EarningRule halfUp = program.earning().get(1);

        assertThat(down.points(new BigDecimal("15999.99"), "RUB").map(BigDecimal::longValueExact)).contains(159L);
        assertThat(down.points(new BigDecimal("19.99"), "USD").map(BigDecimal::longValueExact)).contains(19L);
        assertThat(down.points(new BigDecimal("99"), "RUB").map(BigDecimal::longValueExact)).contains(0L);
        assertThat(down.points(new BigDecimal("100"), "EUR")).isEmpty();
        assertThat(halfUp.points(new BigDecimal("1100"), "RUB").map(BigDecimal::longValueExact)).contains(6L);
        assertThat(halfUp.points(new BigDecimal("1099"), "RUB").map(BigDecimal::longValueExact)).contains(5L);
    }

    @Test
    void errorsNameTheirLine() {
        assertError(PROGRAM.replace("    trigger: deal.won\n    points-per-unit:\n      RUB: 0.01",
                "    trigger: deal.lost\n    points-per-unit:\n      RUB: 0.01"), 3, "'trigger' must be deal.won");
        assertError(PROGRAM.replace("USD: 1", "usd: 1"), 6, "'usd' is not an ISO 4217 code");
        assertError(PROGRAM.replace("USD: 1", "USD: -1"), 6, "must be greater than 0");
        assertError(PROGRAM.replace("profile.attributes.tier", "ticket.priority"), 9, "unknown variable 'ticket'");
        assertError(PROGRAM.replace("deal.amount > 1000", "deal.amount >"), 9, "not a valid EL expression");
        assertError(PROGRAM.replace("rounding: half-up", "rounding: nearest"), 11, "'rounding' must be one of");
        assertError(PROGRAM.replace("threshold: 100", "threshold: 0"), 16, "thresholds must rise");
        assertError(PROGRAM.replace("{ name: basic, threshold: 0 }", "{ name: basic, threshold: 5 }"), 15,
                "its threshold must be 0");
        assertError(PROGRAM.replace("after: P12M", "after: 12 months"), 18, "ISO-8601 period");
        assertError(PROGRAM.replace("window: P365D", "window: P0D"), 13, "longer than zero");
        assertError(PROGRAM.replace("  - name: vip-bonus", "  - name: won-deal"), 7, "duplicate earning rule name");
        assertError(PROGRAM + "bonus: 1\n", 19, "unknown key 'bonus'");
        assertError(PROGRAM.replace("expiry:\n  after: P12M\n", ""), 1, "the file is missing 'expiry'");
        assertError("earning: [\n", 2, "not valid YAML");
    }

    private static void assertError(String yaml, int line, String reason) {
        assertThatThrownBy(() -> LoyaltyProgram.parse(yaml)).isInstanceOfSatisfying(LoyaltyProgramException.class,
                e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                });
    }
}
