package dev.liaison.profile.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The one place scenarios and messaging ask before contacting a person. Marketing purposes need a current grant
 * for the purpose on the channel (or on {@code any} channel); service messages need none. Every refusal is
 * recorded with its reason, in a transaction of its own so that it survives the caller's rollback.
 */
@ApplicationScoped
public class ConsentGate {

    public record Verdict(boolean allowed, String reason) {
    }

    private final ConsentLedger ledger;
    private final ConsentRefusals refusals;

    @Inject
    public ConsentGate(ConsentLedger ledger, ConsentRefusals refusals) {
        this.ledger = ledger;
        this.refusals = refusals;
    }

    /** For the CDI client proxy only. */
    protected ConsentGate() {
        this(null, null);
    }

    @Transactional
    public Verdict check(String profileId, String purpose, String channel) {
        if (ConsentSettings.SERVICE.equals(purpose)) {
            return new Verdict(true, "service messages need no marketing consent");
        }
        Optional<ConsentRecord> governing = ledger.current(profileId).governing(purpose, channel);
        if (governing.isPresent() && governing.get().decision() == Decision.GRANTED) {
            return new Verdict(true, "granted on " + governing.get().occurredAt() + " (ledger entry "
                    + governing.get().id() + ")");
        }
        String reason = governing.isEmpty()
                ? "no consent recorded for " + purpose + " by " + channel
                : "withdrawn on " + governing.get().occurredAt() + " (ledger entry " + governing.get().id() + ")";
        refusals.record(profileId, purpose, channel, reason);
        return new Verdict(false, reason);
    }

}
