package dev.liaison.profile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.profile.person.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentStateTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static ConsentRecord entry(long id, String purpose, String channel, Decision decision, Instant at) {
        return new ConsentRecord(id, "p-1", purpose, channel, decision, Source.api(), Evidence.none(), at, at);
    }

    @Test
    void theLatestDecisionPerPurposeAndChannelStands() {
        ConsentState state = ConsentState.replay(List.of(
                entry(1, "marketing_email", "email", Decision.GRANTED, T0),
                entry(2, "marketing_email", "email", Decision.WITHDRAWN, T0.plusSeconds(60)),
                entry(3, "marketing_sms", "sms", Decision.GRANTED, T0)));

        assertThat(state.decisions()).extracting(ConsentRecord::id).containsExactlyInAnyOrder(2L, 3L);
        assertThat(state.governing("marketing_email", "email")).get()
                .extracting(ConsentRecord::decision).isEqualTo(Decision.WITHDRAWN);
    }

    @Test
    void aDecisionThatArrivesLateButHappenedEarlierDoesNotWin() {
        ConsentState state = ConsentState.replay(List.of(
                entry(1, "marketing_email", "email", Decision.WITHDRAWN, T0.plusSeconds(60)),
                entry(2, "marketing_email", "email", Decision.GRANTED, T0)));

        assertThat(state.governing("marketing_email", "email")).get().extracting(ConsentRecord::id).isEqualTo(1L);
    }

    @Test
    void decisionsAtTheSameTimeFollowLedgerOrder() {
        ConsentState state = ConsentState.replay(List.of(
                entry(7, "loyalty", "email", Decision.WITHDRAWN, T0),
                entry(5, "loyalty", "email", Decision.GRANTED, T0)));

        assertThat(state.governing("loyalty", "email")).get().extracting(ConsentRecord::id).isEqualTo(7L);
    }

    @Test
    void aLaterWithdrawalForAnyChannelOverridesAChannelGrant() {
        ConsentState state = ConsentState.replay(List.of(
                entry(1, "marketing_sms", "sms", Decision.GRANTED, T0),
                entry(2, "marketing_sms", "any", Decision.WITHDRAWN, T0.plusSeconds(5))));

        assertThat(state.governing("marketing_sms", "sms")).get()
                .extracting(ConsentRecord::decision).isEqualTo(Decision.WITHDRAWN);
        assertThat(state.governing("marketing_sms", "push")).get().extracting(ConsentRecord::id).isEqualTo(2L);
        assertThat(state.governing("profiling", "email")).isEmpty();
    }
}
