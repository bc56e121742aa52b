package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connectors.support.RemoteCalls;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Erases Zendesk users the GDPR way: soft delete ({@code DELETE /api/v2/users/{id}}), permanent deletion
 * ({@code DELETE /api/v2/deleted_users/{id}}, which needs the soft delete first), then a bounded poll of
 * {@code GET /api/v2/users/{id}/compliance_deletion_statuses}. The evidence names user ids, steps and the statuses'
 * application, action and time, never the person.
 */
final class ZendeskErasure {

    /** Zendesk finishes deletion in the background; a few polls show it under way without holding a worker long. */
    static final int MAX_POLLS = 5;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private ZendeskErasure() {
    }

    static SubjectEraser.Outcome erase(ZendeskApi api, RemoteCalls.Sleeper sleeper, Set<String> userIds)
            throws RemoteSystemException {
        int erased = 0;
        List<String> evidence = new ArrayList<>();
        for (String id : userIds) {
            boolean softDeleted = api.delete((rest, auth) -> rest.deleteUser(auth, id));
            boolean permanentlyDeleted = api.delete((rest, auth) -> rest.deleteDeletedUser(auth, id));
            if (!softDeleted && !permanentlyDeleted) {
                evidence.add("user " + id + ": not found (already erased, or never there)");
                continue;
            }
            erased++;
            evidence.add("user " + id + ": " + (softDeleted ? "soft-deleted" : "already soft-deleted")
                    + ", " + (permanentlyDeleted ? "permanently deleted" : "already permanently deleted")
                    + "; " + compliance(api, sleeper, id));
        }
        if (userIds.isEmpty()) {
            evidence.add("no Zendesk user matches the subject");
        }
        return new SubjectEraser.Outcome(erased, String.join(" | ", evidence));
    }

    private static String compliance(ZendeskApi api, RemoteCalls.Sleeper sleeper, String id)
            throws RemoteSystemException {
        List<String> statuses = List.of();
        for (int poll = 1; poll <= MAX_POLLS; poll++) {
            Optional<JsonObject> answer = api.find((rest, auth) -> rest.complianceDeletionStatuses(auth, id));
            if (answer.isEmpty()) {
                return "compliance deletion statuses: none (user no longer in the account)";
            }
            statuses = statuses(answer.get());
            if (complete(answer.get())) {
                return "compliance deletion complete: " + String.join(", ", statuses);
            }
            if (poll < MAX_POLLS) {
                try {
                    sleeper.sleep(POLL_INTERVAL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RemoteSystemException("interrupted", true, null, e);
                }
            }
        }
        return "compliance deletion in progress after " + MAX_POLLS + " polls: " + String.join(", ", statuses);
    }

    private static List<String> statuses(JsonObject answer) throws RemoteSystemException {
        List<String> statuses = new ArrayList<>();
        for (JsonObject status : objects(answer)) {
            statuses.add(text(status, "application") + "/" + text(status, "action") + " at "
                    + text(status, "created_at"));
        }
        return statuses;
    }

    /**
     * Zendesk reports {@code request_deletion} for the request, then {@code started} and {@code complete} per area
     * of compliance (support, chat, ...). Done when at least one area completed and every area that started did.
     */
    private static boolean complete(JsonObject answer) throws RemoteSystemException {
        Set<String> started = new HashSet<>();
        Set<String> completed = new HashSet<>();
        for (JsonObject status : objects(answer)) {
            String action = text(status, "action");
            if ("started".equals(action)) {
                started.add(text(status, "application"));
            } else if ("complete".equals(action)) {
                completed.add(text(status, "application"));
            }
        }
        return !completed.isEmpty() && completed.containsAll(started);
    }

    private static List<JsonObject> objects(JsonObject answer) throws RemoteSystemException {
        try {
            return JsonFields.objects(answer, "compliance_deletion_statuses");
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered with unreadable compliance statuses", true, null, e);
        }
    }

    private static String text(JsonObject status, String name) throws RemoteSystemException {
        try {
            return JsonFields.optionalText(status, name);
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered with an unreadable compliance status", true, null, e);
        }
    }
}
