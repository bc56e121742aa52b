package dev.liaison.web.console;

import dev.liaison.connector.api.Authorizable;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.InstallReceiver;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.web.admin.AuthorizeResource;
import dev.liaison.web.admin.ConnectionRequest;
import dev.liaison.web.admin.ConnectionResource;
import dev.liaison.web.admin.ConnectionSyncResource;
import dev.liaison.web.admin.ConnectionView;
import dev.liaison.web.admin.InboxEntryView;
import dev.liaison.web.admin.MaskedInboxEntryView;
import dev.liaison.web.admin.SyncView;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CRM admin's connections: the list with health at a glance, the add-connection wizard whose fields, help and
 * validation are the connector's own {@link SettingsSpec}, a connection's page (webhook URL to paste, health, sync,
 * dead letters with replay), editing and disconnecting. Every action goes through the admin API's own resource, so
 * the console validates, audits and refuses exactly as the API does.
 */
@Path("/console/connections")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ConnectionPages {

    private static final int HEALTH_ROWS = 50;
    private static final String SETTING_PREFIX = "setting.";

    private final ConsolePages pages;
    private final ConnectionResource connections;
    private final ConnectionSyncResource syncs;
    private final AuthorizeResource authorizations;
    private final ConnectorRegistry connectors;
    private final Optional<String> publicUrl;

    @Context
    HttpServletRequest request;

    @Inject
    public ConnectionPages(ConsolePages pages, ConnectionResource connections, ConnectionSyncResource syncs,
                           AuthorizeResource authorizations, ConnectorRegistry connectors,
                           @ConfigProperty(name = "liaison.public-url") Optional<String> publicUrl) {
        this.pages = pages;
        this.connections = connections;
        this.syncs = syncs;
        this.authorizations = authorizations;
        this.connectors = connectors;
        this.publicUrl = publicUrl;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ConnectionPages() {
        this(null, null, null, null, null, Optional.empty());
    }

    @GET
    public String list() {
        List<ConnectionView> all = connections.list();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ConnectionView connection = i < HEALTH_ROWS ? (ConnectionView) connections.get(all.get(i).id())
                    .getEntity() : all.get(i);
            rows.add(row(connection));
        }
        return pages.render(Screen.of(request, "connections/list").titled("connections_title", "connections")
                .with("connections", rows).with("none", rows.isEmpty()));
    }

    @GET
    @Path("new")
    public Response wizard(@QueryParam("kind") String kind) {
        Screen screen = Screen.of(request, "connections/new").titled("connections_new_title", "connections");
        screen.with("kinds", connectors.kinds().stream().sorted().map(each -> Map.of("kind", each,
                "label", label(screen, "kind_" + each, each), "chosen", each.equals(kind))).toList());
        Optional<Connector> connector = kind == null ? Optional.empty() : connectors.find(kind);
        connector.ifPresent(chosen -> screen.with("form", form(screen, chosen, Map.of(), Map.of(), "")));
        return Response.ok(pages.render(screen)).build();
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create() {
        MultivaluedMap<String, String> form = submitted();
        String kind = form.getFirst("kind");
        Connector connector = connectors.find(kind == null ? "" : kind)
                .orElseThrow(() -> ProblemException.invalid("kind", "must be one of " + connectors.kinds()));
        String name = form.getFirst("name");
        Map<String, String> settings = new LinkedHashMap<>();
        form.forEach((field, values) -> {
            if (field.startsWith(SETTING_PREFIX) && !values.isEmpty() && !values.get(0).isBlank()) {
                settings.put(field.substring(SETTING_PREFIX.length()), values.get(0));
            }
        });
        try {
            ConnectionView created = (ConnectionView) connections.create(new ConnectionRequest(kind, name, settings))
                    .getEntity();
            return Response.seeOther(URI.create("/console/connections/" + created.id() + "?created=1")).build();
        } catch (ProblemException refused) {
            Screen screen = Screen.of(request, "connections/new").titled("connections_new_title", "connections");
            screen.with("kinds", List.of());
            Map<String, String> typed = new LinkedHashMap<>(settings);
            typed.keySet().removeIf(setting -> connector.settings().fields().stream()
                    .anyMatch(field -> field.name().equals(setting) && field.secret()));
            screen.with("form", form(screen, connector, typed, FormErrors.of(refused), name == null ? "" : name));
            return Response.status(refused.status()).entity(pages.render(screen)).build();
        }
    }

    @GET
    @Path("{id}")
    public String detail(@PathParam("id") String id, @QueryParam("created") String created) {
        ConnectionView connection = (ConnectionView) connections.get(id).getEntity();
        Screen screen = Screen.of(request, "connections/detail").titled("connection_title", "connections");
        screen.with("title", connection.name());
        Map<String, Object> row = row(connection);
        screen.with("connection", row);
        screen.with("webhookUrl", webhookUrl(connection));
        if (connectors.find(connection.kind(), InstallReceiver.class).isPresent()) {
            screen.with("installUrl", base() + "/install/" + connection.kind() + "/" + connection.id());
        }
        screen.with("steps", ConsoleMessages.of(screen.language()).get("steps_" + connection.kind()));
        if (created != null) {
            screen.with("flash", screen.text("connection_created"));
        }
        screen.with("settings", connection.settings().entrySet().stream()
                .map(setting -> Map.of("name", setting.getKey(), "value", setting.getValue())).toList());
        screen.with("secrets", connection.secretSettings());
        screen.with("dead", connections.inbox(id, "dead", "50").stream().map(this::deadLetter).toList());
        screen.with("authorizable", connectors.find(connection.kind(), Authorizable.class).isPresent());
        screen.with("active", "ACTIVE".equals(connection.status()));
        syncOf(id).ifPresent(sync -> screen.with("sync", sync));
        Connector connector = connectors.find(connection.kind()).orElseThrow();
        screen.with("form", form(screen, connector, connection.settings(), Map.of(), connection.name()));
        return pages.render(screen);
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") String id) {
        MultivaluedMap<String, String> form = submitted();
        JsonObjectBuilder settings = Json.createObjectBuilder();
        form.forEach((field, values) -> {
            // A secret left blank keeps the stored one: nobody sees it again to type it back.
            if (field.startsWith(SETTING_PREFIX) && !values.isEmpty() && !values.get(0).isBlank()) {
                settings.add(field.substring(SETTING_PREFIX.length()), values.get(0));
            }
        });
        JsonObjectBuilder patch = Json.createObjectBuilder().add("settings", settings);
        String name = form.getFirst("name");
        if (name != null) {
            patch.add("name", name);
        }
        try {
            connections.update(id, null, new ByteArrayInputStream(patch.build().toString()
                    .getBytes(StandardCharsets.UTF_8)));
            return Response.seeOther(URI.create("/console/connections/" + id)).build();
        } catch (ProblemException refused) {
            if (refused.status().getStatusCode() == 404) {
                throw refused;
            }
            ConnectionView connection = (ConnectionView) connections.get(id).getEntity();
            Screen screen = Screen.of(request, "connections/edit").titled("connection_edit_title", "connections");
            Connector connector = connectors.find(connection.kind()).orElseThrow();
            Map<String, String> typed = new LinkedHashMap<>(connection.settings());
            screen.with("connection", row(connection));
            screen.with("form", form(screen, connector, typed, FormErrors.of(refused), name == null ? "" : name));
            return Response.status(refused.status()).entity(pages.render(screen)).build();
        }
    }

    @POST
    @Path("{id}/disconnect")
    @Audited("console.connection.disconnect")
    public Response disconnect(@PathParam("id") String id) {
        connections.disable(id);
        return Response.seeOther(URI.create("/console/connections")).build();
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") String id) {
        connections.enable(id);
        return Response.seeOther(URI.create("/console/connections/" + id)).build();
    }

    @POST
    @Path("{id}/dead/{entryId}/replay")
    public Response replay(@PathParam("id") String id, @PathParam("entryId") String entryId) {
        connections.replay(id, entryIdOf(entryId));
        return Response.seeOther(URI.create("/console/connections/" + id)).build();
    }

    /** One refused or dead delivery, its payload with the person masked. */
    @GET
    @Path("{id}/dead/{entryId}")
    public String deadLetter(@PathParam("id") String id, @PathParam("entryId") String entryId) {
        MaskedInboxEntryView entry = connections.entry(id, entryIdOf(entryId));
        Screen screen = Screen.of(request, "connections/entry").titled("entry_title", "connections");
        return pages.render(screen.with("connectionId", id).with("entry", entry)
                .with("payload", ConsolePages.pretty(entry.payload())));
    }

    @POST
    @Path("{id}/dead/{entryId}/discard")
    public Response discard(@PathParam("id") String id, @PathParam("entryId") String entryId) {
        connections.discard(id, entryIdOf(entryId));
        return Response.seeOther(URI.create("/console/connections/" + id)).build();
    }

    @POST
    @Path("{id}/sync")
    public Response syncNow(@PathParam("id") String id) {
        syncs.run(id, null);
        return Response.seeOther(URI.create("/console/connections/" + id)).build();
    }

    /** The vendor's consent screen (amoCRM, Bitrix24): a link, since a form may not be redirected to another site. */
    @GET
    @Path("{id}/authorize")
    public Response authorize(@PathParam("id") String id) {
        return Response.seeOther(URI.create(authorizations.authorizeUrl(id).url())).build();
    }

    /**
     * The form's fields as the servlet read them: the console's gate reads the body to check the CSRF token first,
     * so the fields are the request's parameters, not an entity left to read.
     */
    private MultivaluedMap<String, String> submitted() {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        request.getParameterMap().forEach((name, values) -> form.addAll(name, values));
        return form;
    }

    private static long entryIdOf(String entryId) {
        try {
            return Long.parseLong(entryId);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("entryId", "must be a number");
        }
    }

    private Optional<Map<String, Object>> syncOf(String id) {
        try {
            SyncView sync = syncs.get(id);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("phase", sync.phase());
            view.put("seen", sync.recordsSeen());
            view.put("changed", sync.recordsChanged());
            view.put("failed", sync.recordsFailed());
            view.put("remaining", sync.recordsRemaining());
            view.put("timeLeft", sync.estimatedTimeLeft());
            view.put("rate", String.format("%.1f", sync.recordsPerSecond()));
            view.put("finishedAt", sync.finishedAt());
            view.put("nextRunAt", sync.nextRunAt());
            view.put("lastError", sync.lastError());
            return Optional.of(view);
        } catch (ProblemException noSync) {
            return Optional.empty();
        }
    }

    private Map<String, Object> row(ConnectionView connection) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", connection.id());
        row.put("name", connection.name());
        row.put("kind", connection.kind());
        row.put("status", connection.status());
        row.put("statusClass", "ACTIVE".equals(connection.status()) ? "ok" : "bad");
        row.put("pending", connection.inbox().pending());
        row.put("done", connection.inbox().done());
        row.put("dead", connection.inbox().dead());
        row.put("deadClass", connection.inbox().dead() > 0 ? "bad" : "ok");
        row.put("lastReceivedAt", connection.inbox().lastReceivedAt());
        row.put("lastError", connection.inbox().lastError());
        if (connection.health() != null) {
            if (connection.health().calls() != null) {
                row.put("circuit", connection.health().calls().circuit());
                row.put("circuitClass", "CLOSED".equals(connection.health().calls().circuit()) ? "ok" : "warn");
                row.put("rate", connection.health().calls().ratePerSecond());
                row.put("pausedUntil", connection.health().calls().pausedUntil());
            }
            if (connection.health().lastSync() != null) {
                row.put("syncPhase", connection.health().lastSync().phase());
            }
        }
        return row;
    }

    private Map<String, Object> deadLetter(InboxEntryView entry) {
        return Map.of("id", entry.id(), "receivedAt", String.valueOf(entry.receivedAt()), "attempts",
                entry.attempts(), "reason", entry.lastError() == null ? "" : entry.lastError(), "requestId",
                entry.requestId() == null ? "" : entry.requestId());
    }

    /** The connector's settings as form fields, with the values typed so far and the API's errors next to each. */
    private Map<String, Object> form(Screen screen, Connector connector, Map<String, String> values,
                                     Map<String, String> errors, String name) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (SettingsSpec.Field field : connector.settings().fields()) {
            if (field.derived()) {
                continue;
            }
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("name", field.name());
            each.put("input", SETTING_PREFIX + field.name());
            each.put("id", "setting-" + field.name());
            each.put("required", field.required());
            each.put("secret", field.secret());
            each.put("help", field.description());
            each.put("value", field.secret() ? "" : values.getOrDefault(field.name(), ""));
            each.put("error", errors.get("settings." + field.name()));
            fields.add(each);
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", connector.kind());
        form.put("kindLabel", label(screen, "kind_" + connector.kind(), connector.kind()));
        form.put("name", name);
        form.put("nameError", errors.get("name"));
        form.put("kindError", errors.get("kind"));
        form.put("fields", fields);
        List<String> others = errors.entrySet().stream().filter(error -> !error.getKey().equals("name")
                && !error.getKey().equals("kind") && !error.getKey().startsWith("settings."))
                .map(error -> error.getKey() + ": " + error.getValue()).toList();
        form.put("otherErrors", others);
        form.put("steps", ConsoleMessages.of(screen.language()).get("steps_" + connector.kind()));
        return form;
    }

    private static String label(Screen screen, String key, String fallback) {
        return ConsoleMessages.of(screen.language()).getOrDefault(key, fallback);
    }

    private String webhookUrl(ConnectionView connection) {
        if (connection.webhookPath() == null) {
            return null;
        }
        return base() + connection.webhookPath();
    }

    /** Where the other system reaches Liaison: {@code liaison.public-url}, else the address the admin used. */
    private String base() {
        String base = publicUrl.map(String::trim).filter(url -> !url.isEmpty()).orElseGet(() ->
                request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
        return base.replaceAll("/+$", "");
    }
}
