package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.FetchedRecords;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * amoCRM account webhooks. They are not signed, so a delivery is trusted only as far as this: the URL carries the
 * connection's unguessable secret, the body names the connected account, and every record it mentions is read
 * again through API v4, whose answer, not the body, becomes the event.
 */
final class AmoWebhooks {

    static final String SECRET_PARAMETER = "secret";

    /** Contact actions whose record may have changed; notes do not change the contact. */
    private static final Set<String> CONTACT_ACTIONS = Set.of("add", "update", "delete", "restore", "responsible");
    /** Lead actions that put a lead into a stage; other lead changes are no stage change. */
    private static final Set<String> LEAD_ACTIONS = Set.of("add", "status", "restore");

    /** At most this many ids per list call: amoCRM's largest page. */
    static final int IDS_PER_CALL = 250;

    private enum Kind {
        CONTACT("contacts"), LEAD("leads");

        private final String resource;

        Kind(String resource) {
            this.resource = resource;
        }
    }

    /** A record to read back, and when the body says it changed (used for a contact found deleted). */
    private record Target(Kind kind, String id, Instant changedAt) {

        /** The record's key among the fetched ones: its kind and id. */
        String key() {
            return kind + ":" + id;
        }
    }

    private AmoWebhooks() {
    }

    static void verify(ConnectionContext connection, WebhookRequest request) throws WebhookRejectedException {
        String expectedSecret;
        String accountId;
        String subdomain;
        try {
            expectedSecret = AmoSettings.webhookSecret(connection);
            accountId = AmoSettings.accountId(connection);
            subdomain = AmoSettings.subdomain(connection);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.NOT_CONFIGURED,
                    "connection " + connection.id() + " cannot verify deliveries: "
                    + misconfigured.getMessage());
        }
        String givenSecret = queryParameter(request.query(), SECRET_PARAMETER).orElse("");
        if (!MessageDigest.isEqual(givenSecret.getBytes(StandardCharsets.UTF_8),
                expectedSecret.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejectedException("the webhook URL secret is missing or wrong");
        }
        WebhookForm form;
        try {
            form = WebhookForm.parse(request.bodyText());
        } catch (MalformedPayloadException e) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED_BODY,
                    "the body is not form-encoded, so its account cannot be checked");
        }
        if (!form.value("account[id]").map(accountId::equals).orElse(false)) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.WRONG_ACCOUNT,
                    "account[id] is missing or is not the connected account");
        }
        if (!form.value("account[subdomain]").map(subdomain::equalsIgnoreCase).orElse(false)) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.WRONG_ACCOUNT,
                    "account[subdomain] is missing or is not the connected account");
        }
        for (WebhookForm.Item item : form.items()) {
            Optional<String> itemAccount = item.field("account_id");
            if (itemAccount.isPresent() && !itemAccount.get().equals(accountId)) {
                throw new WebhookRejectedException(WebhookRejectedException.Reason.WRONG_ACCOUNT,
                        item.entity() + "[" + item.action() + "][" + item.index()
                        + "] belongs to another account");
            }
        }
    }

    /**
     * amoCRM gives a delivery no event id, so the key is a digest of the whole body's parameters, sorted: a retry
     * of the same delivery (after a timeout or a 5xx) repeats the same parameters, while two changes of a record
     * differ at least in {@code updated_at}/{@code last_modified}.
     */
    static String dedupKey(WebhookRequest request) throws MalformedPayloadException {
        WebhookForm form = WebhookForm.parse(request.bodyText());
        if (form.items().isEmpty()) {
            throw noRecords();
        }
        return form.digest();
    }

    /**
     * Reads back every record the deliveries name: a single contact or lead with its own GET, more with list calls of
     * up to {@value #IDS_PER_CALL} ids ({@code filter[id][]=…}, leads {@code with=contacts}), so that a burst of webhooks
     * costs one call per 250 records of the account's 7-per-second budget. A record the list does not return is gone
     * (deleted since the change). A failed call fails its records and every record after it: the next call would
     * meet the same limit, and the inbox retries those deliveries later. Deliveries that do not parse are left out.
     */
    static FetchedRecords<JsonObject> fetch(ConnectionContext connection, List<WebhookRequest> deliveries,
                                            AmoApiFactory apis) {
        Map<String, Target> wanted = new LinkedHashMap<>();
        for (WebhookRequest delivery : deliveries) {
            try {
                targets(WebhookForm.parse(delivery.bodyText()), delivery.receivedAt())
                        .forEach(target -> wanted.putIfAbsent(target.key(), target));
            } catch (MalformedPayloadException refusedByParse) {
                // parse refuses this delivery with the same exception; it names no record to read.
            }
        }
        FetchedRecords<JsonObject> fetched = new FetchedRecords<>();
        if (wanted.isEmpty()) {
            return fetched;
        }
        try {
            AmoApi api = apis.api(connection);
            for (Kind kind : Kind.values()) {
                List<String> ids = wanted.values().stream().filter(target -> target.kind() == kind)
                        .map(Target::id).toList();
                if (ids.size() == 1) {
                    readOne(api, kind, ids.get(0), fetched);
                }
                for (int from = 0; ids.size() > 1 && from < ids.size(); from += IDS_PER_CALL) {
                    readByIds(api, kind, ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL)), fetched);
                }
            }
        } catch (RemoteSystemException failure) {
            for (String key : wanted.keySet()) {
                if (!fetched.has(key)) {
                    fetched.failed(key, failure);
                }
            }
        }
        return fetched;
    }

    /** One record with its own GET: the same one call as a list, and amoCRM's plainest answer. */
    private static void readOne(AmoApi api, Kind kind, String id, FetchedRecords<JsonObject> fetched)
            throws RemoteSystemException {
        Optional<JsonObject> record = kind == Kind.CONTACT
                ? api.get((rest, bearer) -> rest.contact(bearer, id))
                : api.get((rest, bearer) -> rest.lead(bearer, id, "contacts"));
        if (record.isPresent()) {
            fetched.found(kind + ":" + id, record.get());
        } else {
            fetched.absent(kind + ":" + id);
        }
    }

    private static void readByIds(AmoApi api, Kind kind, List<String> ids, FetchedRecords<JsonObject> fetched)
            throws RemoteSystemException {
        String resource = kind.resource;
        Optional<JsonObject> answer = api.get((rest, bearer) -> rest.byIds(bearer, resource, IDS_PER_CALL, ids,
                kind == Kind.LEAD ? "contacts" : null));
        Set<String> asked = Set.copyOf(ids);
        if (answer.isPresent()) {
            for (JsonValue record : AmoRecords.embedded(answer.get(), resource)) {
                if (record.getValueType() == JsonValue.ValueType.OBJECT) {
                    String id = record.asJsonObject().get("id") == null ? ""
                            : record.asJsonObject().get("id").toString();
                    if (asked.contains(id)) {
                        fetched.found(kind + ":" + id, record.asJsonObject());
                    }
                }
            }
        }
        for (String id : ids) {
            if (!fetched.has(kind + ":" + id)) {
                fetched.absent(kind + ":" + id);
            }
        }
    }

    /**
     * One event per record the body names (a record named under two actions is read once), from the records
     * {@link #fetch} read: a contact found is a {@code ContactUpserted}, a contact gone a {@code ContactDeleted}; a
     * lead found is a {@code DealStageChanged} at its current status. Companies, deleted leads and other entities have
     * no canonical event and are skipped. The body is checked whole before any record is looked at.
     */
    static List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request,
                                      FetchedRecords<JsonObject> fetched)
            throws MalformedPayloadException, RemoteSystemException {
        List<Target> targets = targets(WebhookForm.parse(request.bodyText()), request.receivedAt());
        List<CanonicalEvent> events = new ArrayList<>();
        for (Target target : targets) {
            Optional<JsonObject> record = fetched.record(target.key());
            if (target.kind() == Kind.CONTACT) {
                events.add(record.isPresent()
                        ? AmoRecords.contact(connection, record.get())
                        : new ContactDeleted(connection.ref(target.id()), target.changedAt()));
            } else if (record.isPresent()) {
                events.add(AmoRecords.lead(connection, record.get(), AmoSettings.of(connection).currency()));
            }
        }
        return events;
    }

    private static List<Target> targets(WebhookForm form, Instant receivedAt) throws MalformedPayloadException {
        List<WebhookForm.Item> items = form.items();
        if (items.isEmpty()) {
            throw noRecords();
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (WebhookForm.Item item : items) {
            Kind kind = kind(item);
            if (kind == null) {
                continue;
            }
            String where = item.entity() + "[" + item.action() + "][" + item.index() + "]";
            String id = item.field("id").orElseThrow(() -> new MalformedPayloadException(where + " has no [id]"));
            if (!id.matches("[0-9]{1,19}")) {
                throw new MalformedPayloadException(where + "[id] is not a number");
            }
            targets.putIfAbsent(kind + ":" + id, new Target(kind, id, changedAt(item, receivedAt)));
        }
        return List.copyOf(targets.values());
    }

    /** Contacts and companies both arrive under {@code contacts[...]}, told apart by {@code [type]}. */
    private static Kind kind(WebhookForm.Item item) throws MalformedPayloadException {
        if ("leads".equals(item.entity())) {
            return LEAD_ACTIONS.contains(item.action()) ? Kind.LEAD : null;
        }
        if (!"contacts".equals(item.entity()) || !CONTACT_ACTIONS.contains(item.action())) {
            return null;
        }
        String type = item.field("type").orElse("contact");
        if ("company".equals(type)) {
            return null;
        }
        if (!"contact".equals(type)) {
            throw new MalformedPayloadException("contacts[" + item.action() + "][" + item.index()
                    + "][type] is neither 'contact' nor 'company'");
        }
        return Kind.CONTACT;
    }

    private static Instant changedAt(WebhookForm.Item item, Instant receivedAt) {
        Optional<String> seconds = item.field("updated_at").or(() -> item.field("last_modified"));
        if (seconds.isPresent() && seconds.get().matches("[0-9]{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(seconds.get()));
        }
        return receivedAt;
    }

    private static Optional<String> queryParameter(String query, String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (!key.equals(name)) {
                continue;
            }
            try {
                return Optional.of(URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException brokenEscape) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static MalformedPayloadException noRecords() {
        return new MalformedPayloadException("the body holds no {entity}[{action}][{i}][...] records, "
                + "as amoCRM webhooks do");
    }

    /** Builds the API client for a connection only when a record has to be read. */
    @FunctionalInterface
    interface AmoApiFactory {
        AmoApi api(ConnectionContext connection) throws RemoteSystemException;
    }
}
