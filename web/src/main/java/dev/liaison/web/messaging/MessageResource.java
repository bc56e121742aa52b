package dev.liaison.web.messaging;

import dev.liaison.connector.api.MessageSender;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.profile.messaging.MessageLogStore;
import dev.liaison.profile.messaging.MessageRequest;
import dev.liaison.profile.messaging.MessageStatus;
import dev.liaison.profile.messaging.MessageVariables;
import dev.liaison.profile.messaging.Messages;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Enqueues one message by hand, the way a scenario step does: for trying out a connection, a template or the
 * gate's decisions on a real profile. The message then takes the only road there is, through the gate at send
 * time, so this endpoint cannot message anyone a scenario could not.
 */
@Path("/api/admin/messages")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class MessageResource {

    private static final Set<String> CHANNELS = Set.of("email", "sms");
    private static final int KEY_LIMIT = 200;

    private final Messages messages;
    private final MessageLogStore log;
    private final ConnectionStore connections;
    private final ConnectorRegistry connectors;
    private final ConsentSettings consent;

    @Inject
    public MessageResource(Messages messages, MessageLogStore log, ConnectionStore connections, ConnectorRegistry connectors,
                           ConsentSettings consent) {
        this.messages = messages;
        this.log = log;
        this.connections = connections;
        this.connectors = connectors;
        this.consent = consent;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public MessageResource() {
        this(null, null, null, null, null);
    }

    /** The body; {@code idempotencyKey} makes a repeated request find the first message instead of adding one. */
    public record EnqueueRequest(String connectionId, String profileId,
                                 @Schema(example = "service") String purpose,
                                 @Schema(enumeration = {"email", "sms"}) String channel,
                                 String template, String subject, String text, String locale,
                                 String idempotencyKey,
                                 @Schema(description = "The template's blanks: an object of string values",
                                         example = "{\"tier\": \"gold\"}") JsonValue variables) {
    }

    /**
     * The message's status, and for a key used before, what became of that message: {@code reason} says why it was
     * refused, waits or failed (see GET /api/profiles/{id}/messages).
     */
    public record Enqueued(long actionId, String connectionId, String idempotencyKey, String status, String reason) {
    }

    @POST
    @Audited("message.enqueue")
    @APIResponse(responseCode = "404", description = "`not-found`: connectionId names no active connection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "202",
            description = "Queued (or found queued under the same idempotency key); the outbox sends it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Enqueued.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response enqueue(EnqueueRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        required("connectionId", body.connectionId());
        required("profileId", body.profileId());
        required("idempotencyKey", body.idempotencyKey());
        if (body.idempotencyKey().length() > KEY_LIMIT) {
            throw ProblemException.invalid("idempotencyKey", "is longer than " + KEY_LIMIT + " characters");
        }
        if (body.purpose() == null || !consent.purposes().contains(body.purpose())) {
            throw ProblemException.invalid("purpose", "must be one of " + consent.purposes());
        }
        if (body.channel() == null || !CHANNELS.contains(body.channel())) {
            throw ProblemException.invalid("channel", "must be one of " + CHANNELS);
        }
        if (isBlank(body.template()) && isBlank(body.text())) {
            throw ProblemException.invalid("text", "a message needs a template or a text");
        }
        ConnectionEntity connection = connections.find(body.connectionId())
                .filter(found -> found.status() == ConnectionStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("Active connection", body.connectionId()));
        if (connectors.find(connection.kind(), MessageSender.class).isEmpty()) {
            throw ProblemException.invalid("connectionId", "connection kind '" + connection.kind()
                    + "' cannot send messages");
        }
        MessageRequest request = new MessageRequest(body.profileId(), body.purpose(), body.channel(),
                body.template(), body.subject(), body.text(), body.locale(), variables(body.variables()));
        String key = "admin/" + body.idempotencyKey();
        long actionId = messages.enqueue(connection.workspaceId(), connection.id(), key, request);
        Optional<MessageLogStore.Entry> logged = log.find(connection.id(), key);
        return Response.accepted(new Enqueued(actionId, connection.id(), key,
                logged.map(entry -> entry.status().name()).orElse(MessageStatus.QUEUED.name()),
                logged.map(MessageLogStore.Entry::reason).orElse(null))).build();
    }

    /** The variables as names to strings; a 400 naming {@code variables} or each {@code variables.<name>} that is wrong. */
    static Map<String, String> variables(JsonValue given) {
        if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (given.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.invalid("variables", "must be an object of string values");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        given.asJsonObject().forEach((name, value) -> {
            if (value.getValueType() == JsonValue.ValueType.STRING) {
                variables.put(name, ((JsonString) value).getString());
            } else {
                errors.add(new Problem.FieldError("variables." + name, "must be a string"));
            }
        });
        MessageVariables.problems(variables)
                .forEach((field, message) -> errors.add(new Problem.FieldError(field, message)));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return variables;
    }

    private static void required(String field, String value) {
        if (isBlank(value)) {
            throw ProblemException.invalid(field, "is required");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
