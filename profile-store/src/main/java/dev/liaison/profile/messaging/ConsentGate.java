package dev.liaison.profile.messaging;

import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.profile.compliance.RestrictionStore;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.ConsentRefusals;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.profile.consent.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The one place scenarios and messaging ask before contacting a person. Marketing purposes need a current grant
 * for the purpose on the channel (or on {@code any} channel) and a profile whose processing is not restricted
 * (GDPR Art. 18); service messages need neither. Every refusal is recorded with its reason, in a transaction of
 * its own so that it survives the caller's rollback.
 */
@ApplicationScoped
public class ConsentGate {

    public record Verdict(boolean allowed, String reason) {
    }

    private final ConsentLedger ledger;
    private final ConsentRefusals refusals;
    private final RestrictionStore restrictions;
    private final PipelineMetrics metrics;

    @Inject
    public ConsentGate(ConsentLedger ledger, ConsentRefusals refusals, RestrictionStore restrictions,
                       PipelineMetrics metrics) {
        this.ledger = ledger;
        this.refusals = refusals;
        this.restrictions = restrictions;
        this.metrics = metrics;
    }

    /** For the CDI client proxy only. */
    protected ConsentGate() {
        this(null, null, null, null);
    }

    @Transactional
    public Verdict check(String profileId, String purpose, String channel) {
        if (ConsentSettings.SERVICE.equals(purpose)) {
            return new Verdict(true, "service messages need no marketing consent");
        }
        if (restrictions.isRestricted(profileId)) {
            String reason = "processing is restricted by a data-subject request";
            refusals.record(profileId, purpose, channel, reason);
            metrics.consentRefused("restricted");
            return new Verdict(false, reason);
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
        metrics.consentRefused(governing.isEmpty() ? "no-consent" : "withdrawn");
        return new Verdict(false, reason);
    }

}
