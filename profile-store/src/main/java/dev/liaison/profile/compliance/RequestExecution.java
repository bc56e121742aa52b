package dev.liaison.profile.compliance;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.platform.failure.Failures;
import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentEntry;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.profile.consent.ConsentState;
import dev.liaison.profile.consent.ConsentViolation;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.consent.Evidence;
import dev.liaison.profile.person.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Carries out verified requests, one system at a time, each attempt in a transaction of its own that holds the
 * result row's lock. The first step is Liaison's own ({@code liaison}): it finds the person's profiles, records
 * what the other systems need (sealed), buries tombstones for an erasure, applies the request to Liaison's tables
 * and plans one result row per connected system. A crash anywhere leaves the row due, so the step runs again.
 * The request is COMPLETED only when every row is DONE.
 */
@ApplicationScoped
public class RequestExecution {

    /** A step failed in a way that rolled its transaction back; {@link #recordFailure} records it afterwards. */
    public static final class StepFailed extends RuntimeException {

        private final transient DsrStore.ResultRow result;

        StepFailed(DsrStore.ResultRow result, String reason, Throwable cause) {
            super(reason, cause);
            this.result = result;
        }

        public long resultId() {
            return result.id();
        }
    }

    private final DsrStore store;
    private final SubjectDataStore data;
    private final TombstoneStore tombstones;
    private final LocalErasure erasure;
    private final RestrictionStore restrictions;
    private final Rectification rectification;
    private final ConsentLedger ledger;
    private final ConsentSettings consentSettings;
    private final ComplianceSettings settings;
    private final SecretBox box;
    private final ComplianceAudit audit;
    private final Clock clock;

    @Inject
    public RequestExecution(DsrStore store, SubjectDataStore data, TombstoneStore tombstones, LocalErasure erasure,
                            RestrictionStore restrictions, Rectification rectification, ConsentLedger ledger,
                            ConsentSettings consentSettings, ComplianceSettings settings,
                            SecretSettings secrets, ComplianceAudit audit, Clock clock) {
        this.store = store;
        this.data = data;
        this.tombstones = tombstones;
        this.erasure = erasure;
        this.restrictions = restrictions;
        this.rectification = rectification;
        this.ledger = ledger;
        this.consentSettings = consentSettings;
        this.settings = settings;
        this.box = secrets == null ? null : secrets.box();
        this.audit = audit;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected RequestExecution() {
        this(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Attempts the oldest due system of any request in any workspace. {@code systems} comes from the caller (the web
     * module's implementation, over the connections and the connector registry), so that the profile store itself
     * decides what to ask of which system and calls no connector.
     *
     * @return the result row attempted, or empty when nothing is due
     * @throws StepFailed when the attempt failed with its transaction rolled back
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> executeNextDue(SubjectSystems systems) {
        Optional<DsrStore.ResultRow> claimed = store.claimDue(clock.instant());
        claimed.ifPresent(result -> WorkspaceContext.run(result.workspaceId(), () -> attempt(result, systems)));
        return claimed.map(DsrStore.ResultRow::id);
    }

    /** Records a rolled-back attempt: due again after the backoff, or FAILED when out of attempts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(StepFailed failure) {
        DsrStore.ResultRow result = failure.result;
        WorkspaceContext.run(result.workspaceId(), () -> {
            Instant now = clock.instant();
            store.failed(result.id(), failure.getMessage(), settings.retry().next(result.attempts(), now,
                    Optional.empty(), ThreadLocalRandom.current()::nextDouble), now);
            refresh(result.requestId(), now);
        });
    }

    private void attempt(DsrStore.ResultRow result, SubjectSystems systems) {
        try {
            if (result.local()) {
                local(result, systems);
            } else {
                remote(result, systems);
            }
        } catch (StepFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StepFailed(result, (result.local() ? "Liaison's step failed: " : "connector failed: ")
                    + Failures.withoutValues(e), e);
        }
    }

    private void local(DsrStore.ResultRow result, SubjectSystems systems) {
        Instant now = clock.instant();
        DsrStore.RequestRow request = store.find(result.requestId()).orElseThrow();
        SubjectSnapshot submitted = subject(request);
        List<String> profiles = data.profilesOf(submitted.submitted());
        SubjectSnapshot subject = submitted.withProfiles(profiles,
                data.identities(profiles).stream().map(SubjectDataStore.IdentityRow::identity).toList(),
                data.names(profiles));
        store.captured(request.id(), box.seal(subject.toJson(), Sealing.subject(request.id())), profiles, now);
        if (request.status() == RequestStatus.VERIFIED) {
            store.status(request.id(), RequestStatus.IN_PROGRESS, null, now);
        }
        planRemoteSystems(request, subject, systems, now);
        String evidence;
        int records;
        switch (request.type()) {
            case ERASE -> {
                tombstones.bury(request.id(), subject.identities());
                LocalErasure.Erased erased = erasure.erase(request.id(), subject, settings.phoneRegion(), now);
                records = erased.total();
                evidence = erased.evidence() + "; tombstones for " + subject.identities().size() + " identifier(s)";
            }
            case RESTRICT -> {
                records = restrictions.restrict(profiles, request.id(), now);
                evidence = "profiles restricted " + records;
            }
            case RECTIFY -> {
                records = rectification.apply(request.id(), profiles, subject.corrections(), now);
                evidence = "attribute values corrected " + records;
            }
            case OBJECT -> {
                records = withdrawMarketing(request.id(), data.profiles(profiles), now);
                evidence = "marketing consents withdrawn " + records;
            }
            case ACCESS, EXPORT -> {
                records = profiles.size();
                evidence = "profiles found " + records + "; the bundle is read at export time";
            }
            default -> throw new IllegalStateException("unknown request type " + request.type());
        }
        if (profiles.isEmpty()) {
            evidence = "no profile holds the identifiers; " + evidence;
        }
        store.done(result.id(), records, evidence, null, now);
        audit.record("dsr.system", request.id(), "liaison DONE: " + evidence);
        refresh(request.id(), now);
    }

    /**
     * One row per connection whose connector can carry the request out. A connection that sent Liaison this person
     * but whose connector cannot is listed as NOT_SUPPORTED, so the request never reads as complete without it.
     * RESTRICT and OBJECT act on Liaison only.
     */
    private void planRemoteSystems(DsrStore.RequestRow request, SubjectSnapshot subject, SubjectSystems systems,
                                   Instant now) {
        if (request.type() == RequestType.RESTRICT || request.type() == RequestType.OBJECT) {
            return;
        }
        for (SubjectSystems.Target target : systems.targets()) {
            if (capabilityFor(request.type()).filter(target.capabilities()::contains).isPresent()) {
                store.addResult(request.id(), target.connectionId(), target.connectionId(), target.kind(),
                        request.type(), ResultStatus.PENDING, null, now);
            } else if (subject.sourceConnections().contains(target.connectionId())) {
                store.addResult(request.id(), target.connectionId(), target.connectionId(), target.kind(),
                        request.type(), ResultStatus.NOT_SUPPORTED, "connector '" + target.kind() + "' cannot "
                                + "carry out " + request.type() + ": do it by hand there", now);
            }
        }
    }

    /** What a connector must offer for this request; RECTIFY has no connector capability yet. */
    private static Optional<Capability> capabilityFor(RequestType type) {
        return switch (type) {
            case ERASE -> Optional.of(Capability.ERASURE);
            case ACCESS, EXPORT -> Optional.of(Capability.EXPORT);
            default -> Optional.empty();
        };
    }

    private void remote(DsrStore.ResultRow result, SubjectSystems systems) {
        Instant now = clock.instant();
        DsrStore.RequestRow request = store.find(result.requestId()).orElseThrow();
        SubjectSnapshot subject = subject(request);
        try {
            if (result.action() == RequestType.ERASE) {
                SubjectEraser.Outcome outcome = systems.erase(result.connectionId(), subject.identifiers());
                store.done(result.id(), outcome.recordsErased(), outcome.evidence(), null, clock.instant());
            } else {
                String exported = systems.export(result.connectionId(), subject.identifiers());
                store.done(result.id(), null, "exported " + exported.length() + " characters",
                        box.seal(exported, Sealing.export(result.id())), clock.instant());
            }
            audit.record("dsr.system", request.id(), result.systemKind() + " " + result.connectionId() + " DONE");
        } catch (RemoteSystemException e) {
            Optional<Instant> retryAt = e.retryable() ? settings.retry().next(result.attempts(), now,
                    e.retryAfter(), ThreadLocalRandom.current()::nextDouble) : Optional.empty();
            store.failed(result.id(), e.getMessage(), retryAt, now);
            audit.record("dsr.system", request.id(), result.systemKind() + " " + result.connectionId()
                    + (retryAt.isPresent() ? " failed, retry at " + retryAt.get() : " FAILED"));
        }
        refresh(request.id(), clock.instant());
    }

    /**
     * Derives the request's status from its systems: IN_PROGRESS while a system has not had its first attempt,
     * COMPLETED when every one is DONE, PARTIALLY_COMPLETED otherwise. Once no system is left to try (all DONE or
     * NOT_SUPPORTED) the sealed subject is forgotten; a FAILED system keeps it for the officer's retry.
     */
    private void refresh(String requestId, Instant now) {
        DsrStore.RequestRow request = store.find(requestId).orElseThrow();
        List<DsrStore.ResultRow> results = store.results(requestId);
        boolean untried = results.stream().anyMatch(result -> result.status() == ResultStatus.PENDING
                && result.attempts() == 0);
        RequestStatus status;
        String reason = null;
        if (untried) {
            status = RequestStatus.IN_PROGRESS;
        } else if (results.stream().allMatch(result -> result.status() == ResultStatus.DONE)) {
            status = RequestStatus.COMPLETED;
        } else {
            status = RequestStatus.PARTIALLY_COMPLETED;
            long open = results.stream().filter(result -> result.status() != ResultStatus.DONE).count();
            reason = open + " of " + results.size() + " system(s) not done; see their results";
        }
        if (status != request.status() || (reason != null && !reason.equals(request.statusReason()))) {
            store.status(requestId, status, reason, now);
            if (status != request.status()) {
                audit.record("dsr.status", requestId, status.name());
            }
        }
        boolean nothingLeftToTry = results.stream().noneMatch(result -> result.status() == ResultStatus.PENDING
                || result.status() == ResultStatus.FAILED);
        if (nothingLeftToTry) {
            store.forgetSubject(requestId);
        }
    }

    private int withdrawMarketing(String requestId, List<SubjectDataStore.ProfileRow> profiles, Instant now) {
        int withdrawn = 0;
        for (SubjectDataStore.ProfileRow profile : profiles) {
            if (profile.mergedInto() != null) {
                continue;
            }
            for (String purpose : consentSettings.purposes()) {
                if (ConsentSettings.SERVICE.equals(purpose)) {
                    continue;
                }
                try {
                    ledger.record(profile.id(), new ConsentEntry(purpose, ConsentState.ANY_CHANNEL, Decision.WITHDRAWN,
                            new Source(Source.API, null, "dsr:" + requestId), new Evidence(null, null,
                            "data-subject request", "objection to direct marketing", null, null), now));
                    withdrawn++;
                } catch (ConsentViolation e) {
                    throw new IllegalStateException("consent settings refuse a withdrawal: " + e.field(), e);
                }
            }
        }
        return withdrawn;
    }

    private SubjectSnapshot subject(DsrStore.RequestRow request) {
        if (request.subjectSealed() == null) {
            throw new IllegalStateException("request " + request.id() + " no longer holds its subject");
        }
        return SubjectSnapshot.fromJson(box.open(request.subjectSealed(), Sealing.subject(request.id())));
    }
}
