package dev.liaison.profile.compliance;

import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.profile.timeline.Deal;
import dev.liaison.profile.timeline.Ticket;
import dev.liaison.profile.timeline.TimelineStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * The machine-readable answer to an access or portability request (GDPR Art. 15, 20; 152-FZ ст. 14): the
 * profiles, identities, attributes with their sources, the consent ledger with its evidence, the person's deals and
 * tickets, and what each connected system exported. Its shape is {@code compliance/export-bundle.schema.json}.
 */
@ApplicationScoped
public class ExportBundle {

    public static final String FORMAT = "liaison-subject-export/1";

    private final SubjectDataStore data;
    private final SecretBox box;
    private final TimelineStore timeline;

    @Inject
    public ExportBundle(SubjectDataStore data, SecretSettings secrets, TimelineStore timeline) {
        this.data = data;
        this.box = secrets == null ? null : secrets.box();
        this.timeline = timeline;
    }

    /** For the CDI client proxy only. */
    protected ExportBundle() {
        this(null, null, null);
    }

    public JsonObject assemble(DsrStore.RequestRow request, List<DsrStore.ResultRow> results, Instant now) {
        List<String> profileIds = request.profiles();
        JsonArrayBuilder profiles = Json.createArrayBuilder();
        for (SubjectDataStore.ProfileRow profile : data.profiles(profileIds)) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("id", profile.id()).add("status", profile.status());
            text(item, "mergedInto", profile.mergedInto());
            profiles.add(item.add("createdAt", profile.createdAt().toString())
                    .add("updatedAt", profile.updatedAt().toString())
                    .add("restricted", profile.restrictedAt() != null));
        }
        JsonArrayBuilder identities = Json.createArrayBuilder();
        for (SubjectDataStore.IdentityRow identity : data.identities(profileIds)) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("profileId", identity.profileId())
                    .add("kind", identity.identity().kind().name()).add("value", identity.identity().value())
                    .add("source", source(identity.sourceSystem(), identity.sourceConnection(), null));
            identities.add(item.add("createdAt", identity.createdAt().toString()));
        }
        JsonArrayBuilder attributes = Json.createArrayBuilder();
        for (SubjectDataStore.AttributeRow attribute : data.attributes(profileIds)) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("profileId", attribute.profileId())
                    .add("name", attribute.name());
            text(item, "value", attribute.value());
            attributes.add(item.add("source", source(attribute.sourceSystem(), attribute.sourceConnection(),
                            attribute.sourceRef()))
                    .add("sourceTime", attribute.sourceTime().toString())
                    .add("recordedAt", attribute.recordedAt().toString()));
        }
        JsonArrayBuilder consent = Json.createArrayBuilder();
        for (SubjectDataStore.ConsentRow entry : data.consents(profileIds)) {
            JsonObjectBuilder evidence = Json.createObjectBuilder();
            text(evidence, "noticeVersion", entry.noticeVersion());
            text(evidence, "noticeSha256", entry.noticeSha256());
            text(evidence, "collectionMethod", entry.collectionMethod());
            text(evidence, "text", entry.evidence());
            text(evidence, "ipAddress", entry.ipAddress());
            text(evidence, "userAgent", entry.userAgent());
            consent.add(Json.createObjectBuilder().add("id", entry.id()).add("profileId", entry.profileId())
                    .add("purpose", entry.purpose()).add("channel", entry.channel()).add("decision", entry.decision())
                    .add("source", source(entry.sourceSystem(), entry.sourceConnection(), entry.sourceRef()))
                    .add("evidence", evidence).add("occurredAt", entry.occurredAt().toString())
                    .add("recordedAt", entry.recordedAt().toString()));
        }
        JsonArrayBuilder deals = Json.createArrayBuilder();
        for (Deal deal : timeline.allDeals(profileIds, List.of())) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("profileId", deal.profileId())
                    .add("connectionId", deal.connectionId()).add("dealId", deal.dealId());
            text(item, "title", deal.title());
            text(item, "pipeline", deal.pipeline());
            item.add("stage", deal.stage()).add("status", deal.status().name());
            text(item, "amount", deal.amount() == null ? null : deal.amount().toPlainString());
            text(item, "currency", deal.currency());
            text(item, "ownerId", deal.ownerId());
            deals.add(item.add("createdAt", deal.createdAt().toString()).add("updatedAt", deal.updatedAt().toString()));
        }
        JsonArrayBuilder tickets = Json.createArrayBuilder();
        for (Ticket ticket : timeline.allTickets(profileIds)) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("profileId", ticket.profileId())
                    .add("connectionId", ticket.connectionId()).add("ticketId", ticket.ticketId());
            text(item, "subject", ticket.subject());
            text(item, "status", ticket.status());
            text(item, "priority", ticket.priority());
            text(item, "group", ticket.group());
            text(item, "assignee", ticket.assignee());
            tickets.add(item.add("createdAt", ticket.createdAt().toString())
                    .add("updatedAt", ticket.updatedAt().toString()));
        }
        JsonArrayBuilder systems = Json.createArrayBuilder();
        for (DsrStore.ResultRow result : results) {
            if (result.local()) {
                continue;
            }
            JsonObjectBuilder item = Json.createObjectBuilder().add("connectionId", result.connectionId())
                    .add("system", result.systemKind()).add("status", result.status().name());
            text(item, "completedAt", result.completedAt() == null ? null : result.completedAt().toString());
            text(item, "error", result.lastError());
            item.add("export", result.exportSealed() == null ? JsonValue.NULL
                    : document(box.open(result.exportSealed(), Sealing.export(result.id()))));
            systems.add(item);
        }
        JsonObjectBuilder requestPart = Json.createObjectBuilder().add("id", request.id())
                .add("type", request.type().name()).add("regime", request.regime().code())
                .add("status", request.status().name()).add("receivedAt", request.receivedAt().toString())
                .add("dueAt", request.dueAt().toString());
        return Json.createObjectBuilder().add("format", FORMAT).add("generatedAt", now.toString())
                .add("request", requestPart).add("profiles", profiles)
                .add("identities", identities).add("attributes", attributes).add("consentLedger", consent)
                .add("deals", deals).add("tickets", tickets).add("systems", systems).build();
    }

    private static JsonObject source(String system, String connection, String ref) {
        JsonObjectBuilder source = Json.createObjectBuilder().add("system", system);
        text(source, "connectionId", connection);
        text(source, "ref", ref);
        return source.build();
    }

    /** A connector's export as JSON; a connector that returned something else has it kept as text. */
    private static JsonValue document(String exported) {
        try (JsonReader reader = Json.createReader(new StringReader(exported))) {
            return reader.readValue();
        } catch (JsonException e) {
            return Json.createValue(exported);
        }
    }

    private static void text(JsonObjectBuilder object, String name, String value) {
        if (value == null) {
            object.addNull(name);
        } else {
            object.add(name, value);
        }
    }
}
