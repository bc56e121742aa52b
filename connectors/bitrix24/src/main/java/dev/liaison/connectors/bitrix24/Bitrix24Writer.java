package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What scenarios write back into a portal: fields of a contact, lead, deal or company, a comment in a record's
 * timeline, a task bound to CRM records. Records are named by Liaison's external ids ({@code C_89}, {@code D_410}),
 * which are Bitrix24's own CRM binding codes. Obtain it from {@link Bitrix24Connector#writer()}, so that writes and
 * reads of a portal share its rate-limit bucket.
 *
 * <p>Adding a comment or a task is not idempotent in Bitrix24: a call retried after a failure whose effect did
 * happen (a timeout, a 5xx) adds a second one.
 */
public final class Bitrix24Writer {

    private final Bitrix24Apis apis;

    Bitrix24Writer(Bitrix24Apis apis) {
        this.apis = apis;
    }

    /** {@code crm.<entity>.update} with {@code {"id": .., "fields": {..}}}; only the named fields change. */
    public void updateFields(ConnectionContext connection, String recordRef, Map<String, String> fields)
            throws RemoteSystemException {
        CrmEntity.Target target = target(recordRef);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one field");
        }
        JsonObjectBuilder values = Bitrix24Api.JSON.createObjectBuilder();
        fields.forEach(values::add);
        String method = target.entity().method("update");
        JsonValue result = api(connection).update(target.entity(), Bitrix24Api.JSON.createObjectBuilder()
                .add("id", target.id()).add("fields", values).build());
        if (result != JsonValue.TRUE) {
            throw RemoteSystemException.permanent("Bitrix24 did not confirm " + method + " of " + target.refId());
        }
    }

    /**
     * {@code crm.timeline.comment.add} with {@code {"fields": {ENTITY_ID, ENTITY_TYPE, COMMENT}}} (b24restdocs
     * api-reference/crm/timeline/comments/crm-timeline-comment-add.md; {@code fields} must be lower-case since crm
     * 23.100.0).
     *
     * @return the id of the new comment
     */
    public long addTimelineComment(ConnectionContext connection, String recordRef, String comment)
            throws RemoteSystemException {
        CrmEntity.Target target = target(recordRef);
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a timeline comment needs text");
        }
        JsonValue result = api(connection).addTimelineComment(Bitrix24Api.JSON.createObjectBuilder()
                .add("fields", Bitrix24Api.JSON.createObjectBuilder()
                        .add("ENTITY_ID", target.id())
                        .add("ENTITY_TYPE", target.entity().timelineType())
                        .add("COMMENT", comment))
                .build());
        if (result == null || result.getValueType() != JsonValue.ValueType.NUMBER) {
            throw RemoteSystemException.permanent("Bitrix24 did not return the id of the new timeline comment");
        }
        return ((JsonNumber) result).longValue();
    }

    /**
     * {@code tasks.task.add} with {@code {"fields": {TITLE, DESCRIPTION, RESPONSIBLE_ID, DEADLINE, UF_CRM_TASK}}}.
     *
     * @return the id of the new task ({@code result.task.id})
     */
    public String addTask(ConnectionContext connection, NewTask task) throws RemoteSystemException {
        JsonObjectBuilder fields = Bitrix24Api.JSON.createObjectBuilder()
                .add("TITLE", task.title())
                .add("RESPONSIBLE_ID", task.responsibleId());
        if (task.description() != null) {
            fields.add("DESCRIPTION", task.description());
        }
        if (task.deadline() != null) {
            fields.add("DEADLINE", task.deadline().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        if (!task.crmRecords().isEmpty()) {
            fields.add("UF_CRM_TASK", Bitrix24Api.JSON.createArrayBuilder(task.crmRecords()));
        }
        JsonValue result = api(connection).addTask(
                Bitrix24Api.JSON.createObjectBuilder().add("fields", fields).build());
        JsonObject created = Bitrix24Api.object("tasks.task.add", result);
        JsonValue taskObject = created.get("task");
        String id = taskObject == null || taskObject.getValueType() != JsonValue.ValueType.OBJECT
                ? "" : Bitrix24Api.text(taskObject.asJsonObject(), "id");
        if (id.isEmpty()) {
            throw RemoteSystemException.permanent("Bitrix24 did not return the id of the new task");
        }
        return id;
    }

    /**
     * A task to create. {@code crmRecords} binds it to CRM records by their external ids ({@code C_89},
     * {@code D_410}), exactly the form {@code UF_CRM_TASK} takes; {@code description} and {@code deadline} may be
     * {@code null}.
     */
    public record NewTask(String title, String description, long responsibleId, OffsetDateTime deadline,
                          List<String> crmRecords) {

        public NewTask {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a task needs a title");
            }
            if (responsibleId <= 0) {
                throw new IllegalArgumentException("a task needs the id of the user responsible for it");
            }
            crmRecords = List.copyOf(crmRecords == null ? List.of() : crmRecords);
            for (String record : crmRecords) {
                target(record);
            }
        }
    }

    private Bitrix24Api api(ConnectionContext connection) throws RemoteSystemException {
        return apis.of(connection);
    }

    private static CrmEntity.Target target(String recordRef) {
        return CrmEntity.fromRefId(Objects.requireNonNull(recordRef, "recordRef")).orElseThrow(() ->
                new IllegalArgumentException("'" + recordRef + "' is not a CRM record id such as C_89 or D_410"));
    }
}
