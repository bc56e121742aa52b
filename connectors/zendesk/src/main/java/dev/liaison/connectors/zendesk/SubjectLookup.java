package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectIdentifiers;
import jakarta.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the Zendesk users one data subject is: refs this connection issued name them directly; e-mail addresses
 * and phone numbers are searched with {@code GET /api/v2/users/search.json?query=email:...}, and only users whose
 * address or number matches exactly are taken, since the search also matches partial values.
 */
final class SubjectLookup {

    private SubjectLookup() {
    }

    static Set<String> userIds(ZendeskApi api, ConnectionContext connection, SubjectIdentifiers subject)
            throws RemoteSystemException {
        Set<String> ids = new LinkedHashSet<>();
        for (ExternalRef ref : subject.externalRefs()) {
            if (ref.system().equals(connection.kind()) && ref.connectionId().equals(connection.id())
                    && ref.id().matches("[1-9][0-9]{0,17}")) {
                ids.add(ref.id());
            }
        }
        for (String email : subject.emails()) {
            for (JsonObject user : search(api, "email:" + email)) {
                if (email.equalsIgnoreCase(text(user, "email"))) {
                    ids.add(text(user, "id"));
                }
            }
        }
        for (String phone : subject.phones()) {
            String digits = digits(phone);
            for (JsonObject user : search(api, "phone:" + phone)) {
                if (!digits.isEmpty() && digits.equals(digits(text(user, "phone")))) {
                    ids.add(text(user, "id"));
                }
            }
        }
        ids.remove(null);
        return ids;
    }

    private static Iterable<JsonObject> search(ZendeskApi api, String query) throws RemoteSystemException {
        JsonObject page = api.get((rest, auth) -> rest.searchUsers(auth, query));
        try {
            return JsonFields.objects(page, "users");
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered a user search with unreadable users", true, null, e);
        }
    }

    private static String text(JsonObject user, String name) throws RemoteSystemException {
        try {
            return JsonFields.optionalText(user, name);
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered a user search with an unreadable '" + name + "'",
                    true, null, e);
        }
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "");
    }
}
