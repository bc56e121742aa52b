package dev.liaison.profile.compliance;

import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The data-subject request workflow of the current workspace: RECEIVED with its legal deadline, VERIFIED by an
 * officer (which queues execution), then IN_PROGRESS and COMPLETED or PARTIALLY_COMPLETED as {@link RequestExecution}
 * reports each system, or REJECTED with a reason. Every step is reported to {@link ComplianceAudit}.
 */
@ApplicationScoped
@Transactional
public class ComplianceService {

    private static final int ATTRIBUTE_NAME_LIMIT = 100;
    private static final int ATTRIBUTE_VALUE_LIMIT = 2000;
    private static final int REASON_LIMIT = 1000;
    private static final int LIST_LIMIT = 500;

    /** What an officer files. {@code corrections} is for RECTIFY only: attribute name to corrected value. */
    public record NewRequest(RequestType type, Regime regime, List<Identity> subject, String note,
                             Map<String, String> corrections) {

        public NewRequest {
            subject = List.copyOf(subject);
            corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
        }
    }

    private final DsrStore store;
    private final SubjectHashes hashes;
    private final RestrictionStore restrictions;
    private final ExportBundle bundles;
    private final ComplianceSettings settings;
    private final SecretBox box;
    private final ComplianceAudit audit;
    private final Event<ComplianceWorkAdded> workAdded;
    private final Clock clock;

    @Inject
    public ComplianceService(DsrStore store, SubjectHashes hashes, RestrictionStore restrictions, ExportBundle bundles,
                             ComplianceSettings settings, SecretSettings secrets, ComplianceAudit audit,
                             Event<ComplianceWorkAdded> workAdded, Clock clock) {
        this.store = store;
        this.hashes = hashes;
        this.restrictions = restrictions;
        this.bundles = bundles;
        this.settings = settings;
        this.box = secrets == null ? null : secrets.box();
        this.audit = audit;
        this.workAdded = workAdded;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected ComplianceService() {
        this(null, null, null, null, null, null, null, null, null);
    }

    public DataSubjectRequest create(NewRequest request) throws ComplianceViolation {
        validate(request);
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        String workspace = WorkspaceContext.current();
        List<String> subjectHashes = new ArrayList<>();
        for (Identity identity : request.subject()) {
            subjectHashes.add(identity.kind().name() + ":" + hashes.hash(identity));
        }
        DueDates due = settings.dueDates();
        Instant dueAt = due.endOf(request.regime(), due.dueDate(request.regime(), now));
        String note = request.note() == null || request.note().isBlank() ? null
                : box.seal(request.note().trim(), Sealing.note(id));
        store.insert(new DsrStore.RequestRow(id, workspace, request.type(), request.regime(), RequestStatus.RECEIVED,
                null, String.join(",", subjectHashes),
                box.seal(SubjectSnapshot.submitted(request.subject(), request.corrections()).toJson(),
                        Sealing.subject(id)), note, null, now, dueAt, false, null, null, null, null, null, now));
        audit.record("dsr.create", id, request.type() + " under " + request.regime().code() + ", due " + dueAt);
        return view(store.find(id).orElseThrow(), now);
    }

    /** Records the officer's identity verification and queues execution. */
    public DataSubjectRequest verify(String id, String verifiedBy) throws RequestStateException {
        DsrStore.RequestRow request = existing(id);
        if (request.status() != RequestStatus.RECEIVED) {
            throw new RequestStateException("request " + id + " is " + request.status() + "; only a RECEIVED "
                    + "request can be verified");
        }
        Instant now = clock.instant();
        store.verified(id, verifiedBy, now);
        store.addResult(id, DsrStore.LIAISON, null, DsrStore.LIAISON, request.type(), ResultStatus.PENDING, null, now);
        audit.record("dsr.verify", id, "verified; execution queued");
        workAdded.fire(new ComplianceWorkAdded(id));
        return view(existing(id), now);
    }

    public DataSubjectRequest reject(String id, String reason) throws RequestStateException, ComplianceViolation {
        String given = requireText(reason, "reason");
        DsrStore.RequestRow request = existing(id);
        if (request.status() != RequestStatus.RECEIVED) {
            throw new RequestStateException("request " + id + " is " + request.status() + "; only a RECEIVED "
                    + "request can be rejected");
        }
        Instant now = clock.instant();
        store.status(id, RequestStatus.REJECTED, given, now);
        store.forgetSubject(id);
        audit.record("dsr.reject", id, "REJECTED");
        return view(existing(id), now);
    }

    /** The one extension each regime allows, with the reason the subject is told. */
    public DataSubjectRequest extend(String id, String reason) throws RequestStateException, ComplianceViolation {
        String given = requireText(reason, "reason");
        DsrStore.RequestRow request = existing(id);
        if (request.status().closed()) {
            throw new RequestStateException("request " + id + " is " + request.status() + " and needs no more time");
        }
        if (request.extended()) {
            throw new RequestStateException("request " + id + " was already extended; the law allows one extension");
        }
        Instant now = clock.instant();
        DueDates due = settings.dueDates();
        Instant dueAt = due.endOf(request.regime(), due.extendedDueDate(request.regime(), request.receivedAt()));
        store.extended(id, dueAt, given, now);
        audit.record("dsr.extend", id, "due " + dueAt);
        return view(existing(id), now);
    }

    /** Tries every FAILED system again, with a fresh attempt budget. */
    public DataSubjectRequest retry(String id) throws RequestStateException {
        DsrStore.RequestRow request = existing(id);
        if (request.status() != RequestStatus.PARTIALLY_COMPLETED) {
            throw new RequestStateException("request " + id + " is " + request.status() + "; only a "
                    + "PARTIALLY_COMPLETED request has systems to retry");
        }
        Instant now = clock.instant();
        int retried = store.retryFailed(id, now);
        if (retried == 0) {
            throw new RequestStateException("request " + id + " has no FAILED system: the others are being retried "
                    + "already or must be handled by hand (NOT_SUPPORTED)");
        }
        store.status(id, RequestStatus.IN_PROGRESS, null, now);
        audit.record("dsr.retry", id, retried + " system(s) queued again");
        workAdded.fire(new ComplianceWorkAdded(id));
        return view(existing(id), now);
    }

    /** Ends the processing restriction a completed RESTRICT request set. */
    public DataSubjectRequest liftRestriction(String id) throws RequestStateException {
        DsrStore.RequestRow request = existing(id);
        if (request.type() != RequestType.RESTRICT || request.status() != RequestStatus.COMPLETED
                || request.restrictionLiftedAt() != null) {
            throw new RequestStateException("request " + id + " is not a completed restriction in force");
        }
        Instant now = clock.instant();
        int lifted = restrictions.lift(id);
        store.restrictionLifted(id, now);
        audit.record("dsr.lift-restriction", id, lifted + " profile(s) no longer restricted");
        return view(existing(id), now);
    }

    public Optional<DataSubjectRequest> find(String id) {
        Instant now = clock.instant();
        return store.find(id).map(request -> view(request, now));
    }

    /** The newest requests, each with its overdue and due-soon flags. */
    public List<DataSubjectRequest> list() {
        Instant now = clock.instant();
        return store.list(LIST_LIMIT).stream().map(request -> view(request, now)).toList();
    }

    /**
     * The access/export bundle of an ACCESS or EXPORT request whose local step has run: what Liaison holds now and
     * what each connected system exported.
     */
    public JsonObject export(String id) throws RequestStateException {
        DsrStore.RequestRow request = existing(id);
        if (request.type() != RequestType.ACCESS && request.type() != RequestType.EXPORT) {
            throw new RequestStateException("request " + id + " is " + request.type() + "; only ACCESS and EXPORT "
                    + "requests have an export");
        }
        List<DsrStore.ResultRow> results = store.results(id);
        boolean localDone = results.stream().anyMatch(result -> result.local()
                && result.status() == ResultStatus.DONE);
        if (!localDone) {
            throw new RequestStateException("request " + id + " is " + request.status() + "; the export exists once "
                    + "Liaison's own step is done");
        }
        JsonObject bundle = bundles.assemble(request, results, clock.instant());
        audit.record("dsr.export", id, "bundle of " + results.size() + " system(s) handed out");
        return bundle;
    }

    DataSubjectRequest view(DsrStore.RequestRow request, Instant now) {
        List<DataSubjectRequest.SystemResult> systems = store.results(request.id()).stream()
                .map(result -> new DataSubjectRequest.SystemResult(result.id(), result.target(),
                        result.connectionId(), result.systemKind(), result.action(), result.status(),
                        result.attempts(), result.status() == ResultStatus.PENDING ? result.nextAttemptAt() : null,
                        result.recordsAffected(), result.evidence(), result.lastError(), result.completedAt()))
                .toList();
        boolean open = !request.status().closed();
        boolean overdue = open && now.isAfter(request.dueAt());
        boolean dueSoon = open && !overdue && !now.plus(settings.dueSoon()).isBefore(request.dueAt());
        LocalDate dueDate = request.dueAt().atZone(settings.dueDates().zone(request.regime())).toLocalDate();
        String note = request.noteSealed() == null ? null : box.open(request.noteSealed(), Sealing.note(request.id()));
        return new DataSubjectRequest(request.id(), request.type(), request.regime(), request.status(),
                request.statusReason(), Arrays.asList(request.subjectHashes().split(",")), note,
                request.receivedAt(), dueDate, request.dueAt(), request.extended(), request.extensionReason(),
                request.verifiedAt(), request.verifiedBy(), request.completedAt(), request.restrictionLiftedAt(),
                overdue, dueSoon, systems);
    }

    private DsrStore.RequestRow existing(String id) throws RequestStateException {
        return store.find(id).orElseThrow(() -> new RequestStateException("request " + id + " does not exist"));
    }

    private static void validate(NewRequest request) throws ComplianceViolation {
        if (request.type() == null) {
            throw new ComplianceViolation("type", "must be one of " + Arrays.toString(RequestType.values()));
        }
        if (request.regime() == null) {
            throw new ComplianceViolation("regime", "must be GDPR or 152FZ");
        }
        if (request.subject().isEmpty()) {
            throw new ComplianceViolation("subject", "must name the person by email, phone or externalRef");
        }
        if (request.type() == RequestType.RECTIFY && request.corrections().isEmpty()) {
            throw new ComplianceViolation("corrections", "must list the attributes to correct");
        }
        if (request.type() != RequestType.RECTIFY && !request.corrections().isEmpty()) {
            throw new ComplianceViolation("corrections", "are for RECTIFY requests only");
        }
        for (Map.Entry<String, String> correction : request.corrections().entrySet()) {
            String field = "corrections." + correction.getKey();
            if (correction.getKey().isBlank() || correction.getKey().length() > ATTRIBUTE_NAME_LIMIT) {
                throw new ComplianceViolation(field, "attribute names are 1 to " + ATTRIBUTE_NAME_LIMIT
                        + " characters");
            }
            if (correction.getValue() == null || correction.getValue().length() > ATTRIBUTE_VALUE_LIMIT) {
                throw new ComplianceViolation(field, "must be a text of at most " + ATTRIBUTE_VALUE_LIMIT
                        + " characters");
            }
        }
    }

    private static String requireText(String text, String field) throws ComplianceViolation {
        if (text == null || text.isBlank()) {
            throw new ComplianceViolation(field, "is required");
        }
        if (text.length() > REASON_LIMIT) {
            throw new ComplianceViolation(field, "must be at most " + REASON_LIMIT + " characters");
        }
        return text.trim();
    }
}
