package dev.liaison.connectors.bitrix24;

import static dev.liaison.connectors.bitrix24.Bitrix24Settings.ACCESS_TOKEN;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.APPLICATION_TOKEN;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.CLIENT_ID;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.CLIENT_SECRET;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.DOMAIN;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.EXPIRES_AT;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.MEMBER_ID;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.REFRESH_TOKEN;
import static dev.liaison.connectors.bitrix24.Bitrix24Settings.UNINSTALLED_AT;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The handler of a local application: what Bitrix24 sends when the application is installed or removed.
 *
 * <ul>
 *   <li>{@code ONAPPINSTALL} (an application that "uses only API", its install-event callback pointing here):
 *       {@code auth[access_token]}, {@code auth[refresh_token]}, {@code auth[member_id]}, {@code auth[domain]} and
 *       {@code auth[application_token]} (b24restdocs settings/oauth/simple-way.md);</li>
 *   <li>the install page's POST ({@code AUTH_ID}, {@code REFRESH_ID}, {@code AUTH_EXPIRES}, {@code member_id},
 *       {@code DOMAIN}; same page), or an OAuth redirect with {@code code}, {@code member_id} and {@code domain}
 *       (settings/oauth/index.md). Neither carries an application token, so events stay refused until one was
 *       stored by {@code ONAPPINSTALL};</li>
 *   <li>{@code ONAPPUNINSTALL}: trusted only when its {@code auth[application_token]} is the stored one, the only
 *       proof there is (api-reference/events/safe-event-handlers.md); it marks the connection uninstalled;</li>
 *   <li>{@code ONAPPUPDATE} (api-reference/common/events/on-app-update.md): trusted like a CRM event, by the stored
 *       application token compared in constant time with {@code member_id} and domain pinned; it binds the events
 *       again, because a new version of an application loses its bindings (event-bind.md).</li>
 * </ul>
 *
 * Anyone can post to a public handler, so the tokens an install presents are not taken at their word: the refresh
 * token (or code) is traded at the OAuth server with the application's own secret, which proves it was issued to
 * this application for the claimed {@code member_id}. The traded tokens are what is stored, inside
 * {@link CredentialStore#rotate}, together with the pinned {@code member_id} and domain; an install from another
 * portal is refused. Then the CRM events are bound to the connection's webhook and {@code ONAPPUNINSTALL} and
 * {@code ONAPPUPDATE} to this handler, skipping bindings the portal already has: a new version loses its bindings
 * (event-bind.md), a repeated install keeps them.
 */
final class AppInstall {

    private static final String APP_TOKEN_FIELD = "auth[application_token]";

    private final CredentialStore store;
    private final OAuthServer server;
    private final Bitrix24Apis apis;
    private final Clock clock;

    AppInstall(CredentialStore store, OAuthServer server, Bitrix24Apis apis, Clock clock) {
        this.store = store;
        this.server = server;
        this.apis = apis;
        this.clock = clock;
    }

    /** What an install request claims; {@code *Field} name the form fields, for problems. */
    private record Claim(boolean code, String credentialField, String credential, String memberIdField,
                         String memberId, String domainField, String domain, String applicationToken) {
    }

    /** The outcome of a rotation: refused (nothing changed), or the settings as they are after it. */
    private record Decision(SetupRefusedException refusal, Map<String, String> settings) {

        static CredentialStore.Rotated<Decision> refuse(SetupRefusedException.Reason reason, String field,
                                                        String message) {
            return CredentialStore.Rotated.unchanged(
                    new Decision(new SetupRefusedException(reason, field, message), Map.of()));
        }
    }

    AppRequestResult handle(ConnectionContext connection, String body, String query, URI eventHandler,
                            URI appHandler) throws SetupRefusedException, RemoteSystemException {
        FormBody form = form(body, query);
        Optional<String> event = form.field("event").map(name -> name.toUpperCase(Locale.ROOT));
        if (event.isPresent()) {
            switch (event.get()) {
                case "ONAPPINSTALL":
                    return install(connection, new Claim(false, "auth[refresh_token]", required(form,
                            "auth[refresh_token]"), "auth[member_id]", required(form, "auth[member_id]"),
                            "auth[domain]", required(form, "auth[domain]"), required(form, APP_TOKEN_FIELD)),
                            eventHandler, appHandler);
                // b24restdocs on-app-uninstall.md shows the event as ONAPPSUNINSTALL in its example.
                case "ONAPPUNINSTALL", "ONAPPSUNINSTALL":
                    return uninstall(connection, form);
                case "ONAPPUPDATE":
                    return update(connection, form, eventHandler, appHandler);
                default:
                    throw new SetupRefusedException(SetupRefusedException.Reason.INVALID, "event",
                            "must be ONAPPINSTALL, ONAPPUPDATE or ONAPPUNINSTALL");
            }
        }
        if (form.field("AUTH_ID").isPresent()) {
            return install(connection, new Claim(false, "REFRESH_ID", required(form, "REFRESH_ID"), "member_id",
                    required(form, "member_id"), "DOMAIN", required(form, "DOMAIN"), null), eventHandler, appHandler);
        }
        if (form.field("code").isPresent()) {
            return install(connection, new Claim(true, "code", required(form, "code"), "member_id",
                    required(form, "member_id"), "domain", required(form, "domain"), null), eventHandler, appHandler);
        }
        throw new SetupRefusedException(SetupRefusedException.Reason.INVALID, "event", "is required: ONAPPINSTALL, "
                + "ONAPPUPDATE or ONAPPUNINSTALL, unless the request is an install page's (AUTH_ID) or an OAuth "
                + "redirect (code)");
    }

    private AppRequestResult install(ConnectionContext connection, Claim claim, URI eventHandler, URI appHandler)
            throws SetupRefusedException, RemoteSystemException {
        Decision decision = store.rotate(connection.id(), current -> {
            if (!Bitrix24Settings.oauth(current)) {
                return Decision.refuse(SetupRefusedException.Reason.CONFLICT, CLIENT_ID, "is not set: this connection "
                        + "is not a local application");
            }
            String pinned = current.get(MEMBER_ID);
            if (Bitrix24Settings.present(current, MEMBER_ID) && !pinned.equals(claim.memberId())) {
                return Decision.refuse(SetupRefusedException.Reason.CONFLICT, claim.memberIdField(), "is another "
                        + "portal's: this connection is installed in one portal; create a connection for each");
            }
            OAuthServer.App app;
            try {
                app = OAuthServer.App.of(current);
            } catch (IllegalStateException | IllegalArgumentException misconfigured) {
                return Decision.refuse(SetupRefusedException.Reason.CONFLICT, CLIENT_SECRET, misconfigured.getMessage());
            }
            OAuthServer.Grant grant = claim.code()
                    ? server.authorize(connection.id(), app, claim.credential())
                    : server.refresh(connection.id(), app, claim.credential());
            if (!grant.memberId().equals(claim.memberId())) {
                return Decision.refuse(SetupRefusedException.Reason.UNAUTHORIZED, claim.memberIdField(), "does not "
                        + "match the portal the OAuth server issued the tokens for");
            }
            Map<String, String> changed = new HashMap<>(grant.settings());
            changed.put(MEMBER_ID, claim.memberId());
            changed.put(DOMAIN, claim.domain().toLowerCase(Locale.ROOT));
            changed.put(UNINSTALLED_AT, "");
            if (claim.applicationToken() != null) {
                changed.put(APPLICATION_TOKEN, claim.applicationToken());
            }
            Map<String, String> after = new HashMap<>(current);
            after.putAll(changed);
            return new CredentialStore.Rotated<>(changed, new Decision(null, after));
        });
        if (decision.refusal() != null) {
            throw decision.refusal();
        }
        ConnectionContext installed = new ConnectionContext(connection.id(), connection.workspace(),
                connection.kind(), decision.settings());
        return new AppRequestResult(AppRequestResult.Action.INSTALLED, claim.memberId(),
                bind(apis.of(installed), eventHandler, appHandler));
    }

    /**
     * Only binds, so it needs no lock on the stored settings: a binding that another request makes meanwhile is
     * answered as already bound.
     */
    private AppRequestResult update(ConnectionContext connection, FormBody form, URI eventHandler, URI appHandler)
            throws SetupRefusedException, RemoteSystemException {
        Map<String, String> settings = connection.settings();
        byte[] stored = settings.getOrDefault(APPLICATION_TOKEN, "").trim().getBytes(StandardCharsets.UTF_8);
        byte[] given = form.field(APP_TOKEN_FIELD).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!Bitrix24Settings.oauth(settings) || stored.length == 0 || !MessageDigest.isEqual(stored, given)) {
            throw new SetupRefusedException(SetupRefusedException.Reason.UNAUTHORIZED, APP_TOKEN_FIELD, "does not match "
                    + "the token this connection's application received at ONAPPINSTALL");
        }
        String memberId = form.field("auth[member_id]").orElse("");
        if (!memberId.equals(settings.get(MEMBER_ID))) {
            throw new SetupRefusedException(SetupRefusedException.Reason.UNAUTHORIZED, "auth[member_id]", "is not the "
                    + "portal this connection is installed in");
        }
        String domain = form.field("auth[domain]").orElse("").toLowerCase(Locale.ROOT);
        if (!domain.equals(settings.getOrDefault(DOMAIN, "").trim().toLowerCase(Locale.ROOT))) {
            throw new SetupRefusedException(SetupRefusedException.Reason.UNAUTHORIZED, "auth[domain]", "is not the "
                    + "portal this connection is installed in");
        }
        if (Bitrix24Settings.present(settings, UNINSTALLED_AT)) {
            throw new SetupRefusedException(SetupRefusedException.Reason.CONFLICT, UNINSTALLED_AT, "is set: the "
                    + "application was removed from the portal; install it again");
        }
        return new AppRequestResult(AppRequestResult.Action.UPDATED, memberId,
                bind(apis.of(connection), eventHandler, appHandler));
    }

    private static List<String> bind(Bitrix24Api api, URI eventHandler, URI appHandler) throws RemoteSystemException {
        Set<String> existing = new HashSet<>();
        JsonValue handlers = api.eventHandlers();
        if (handlers != null && handlers.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue handler : handlers.asJsonArray()) {
                if (handler.getValueType() == JsonValue.ValueType.OBJECT) {
                    JsonObject binding = handler.asJsonObject();
                    existing.add(key(Bitrix24Api.text(binding, "event"), Bitrix24Api.text(binding, "handler")));
                }
            }
        }
        Map<String, URI> wanted = new TreeMap<>();
        OutgoingEvent.names().forEach(name -> wanted.put(name, eventHandler));
        wanted.put("ONAPPUNINSTALL", appHandler);
        wanted.put("ONAPPUPDATE", appHandler);
        List<String> bound = new ArrayList<>();
        for (Map.Entry<String, URI> binding : wanted.entrySet()) {
            boolean listed = existing.contains(key(binding.getKey(), binding.getValue().toString()));
            if (!listed && api.bindEvent(binding.getKey(), binding.getValue())) {
                bound.add(binding.getKey());
            }
        }
        return bound;
    }

    private static String key(String event, String handler) {
        return event.toUpperCase(Locale.ROOT) + " " + handler;
    }

    private AppRequestResult uninstall(ConnectionContext connection, FormBody form)
            throws SetupRefusedException, RemoteSystemException {
        byte[] given = form.field(APP_TOKEN_FIELD).orElse("").getBytes(StandardCharsets.UTF_8);
        String memberId = form.field("auth[member_id]").orElse("");
        Decision decision = store.rotate(connection.id(), current -> {
            byte[] stored = current.getOrDefault(APPLICATION_TOKEN, "").trim().getBytes(StandardCharsets.UTF_8);
            if (!Bitrix24Settings.oauth(current) || stored.length == 0 || !MessageDigest.isEqual(stored, given)) {
                return Decision.refuse(SetupRefusedException.Reason.UNAUTHORIZED, APP_TOKEN_FIELD, "does not match "
                        + "the token this connection's application received at ONAPPINSTALL");
            }
            if (!memberId.equals(current.get(MEMBER_ID))) {
                return Decision.refuse(SetupRefusedException.Reason.UNAUTHORIZED, "auth[member_id]", "is not the "
                        + "portal this connection is installed in");
            }
            if (Bitrix24Settings.present(current, UNINSTALLED_AT)) {
                return CredentialStore.Rotated.unchanged(new Decision(null, current));
            }
            // The portal has revoked the tokens; keeping them would only keep secrets around.
            return new CredentialStore.Rotated<>(Map.of(UNINSTALLED_AT, clock.instant().toString(),
                    ACCESS_TOKEN, "", REFRESH_TOKEN, "", EXPIRES_AT, ""), new Decision(null, current));
        });
        if (decision.refusal() != null) {
            throw decision.refusal();
        }
        return new AppRequestResult(AppRequestResult.Action.UNINSTALLED, memberId, List.of());
    }

    /** An OAuth redirect comes as a GET with its fields in the query; everything else is a form POST. */
    private static FormBody form(String body, String query) throws SetupRefusedException {
        String source = body != null && !body.isBlank() ? body : query;
        if (source == null || source.isBlank()) {
            throw new SetupRefusedException(SetupRefusedException.Reason.INVALID, "body", "is empty; Bitrix24 posts "
                    + "a form (application/x-www-form-urlencoded)");
        }
        try {
            return FormBody.parse(source);
        } catch (MalformedPayloadException e) {
            throw new SetupRefusedException(SetupRefusedException.Reason.INVALID, "body", e.getMessage());
        }
    }

    private static String required(FormBody form, String name) throws SetupRefusedException {
        return form.field(name).orElseThrow(() -> new SetupRefusedException(SetupRefusedException.Reason.INVALID, name,
                "is required"));
    }
}
