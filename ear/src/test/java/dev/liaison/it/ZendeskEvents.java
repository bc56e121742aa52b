package dev.liaison.it;

import java.util.UUID;

/** Zendesk webhook bodies as Zendesk sends them (developer.zendesk.com's event schemas), each with a new event id. */
final class ZendeskEvents {

    private ZendeskEvents() {
    }

    static String userCreated(String userId, String email, String time) {
        return "{\"type\":\"zen:event-type:user.created\",\"account_id\":12514403,\"id\":\"" + UUID.randomUUID()
                + "\",\"time\":\"" + time + "\",\"zendesk_event_version\":\"2022-06-20\",\"subject\":\"zen:user:"
                + userId + "\",\"detail\":{\"id\":\"" + userId + "\",\"email\":\"" + email + "\",\"role\":\"end-user\"},"
                + "\"event\":{}}";
    }

    /** A new ticket "Where is my order?" tagged order and web, opened by the requester. */
    static String ticketCreated(String ticketId, String requesterId, String time) {
        return "{\"type\":\"zen:event-type:ticket.created\",\"account_id\":12514403,\"id\":\""
                + UUID.randomUUID() + "\",\"time\":\"" + time + "\",\"zendesk_event_version\":\"2022-11-06\","
                + "\"subject\":\"zen:ticket:" + ticketId + "\",\"detail\":{\"actor_id\":\"" + requesterId + "\","
                + "\"assignee_id\":\"0\",\"created_at\":\"" + time + "\",\"description\":\"My order never arrived\","
                + "\"group_id\":\"0\",\"id\":\"" + ticketId + "\",\"priority\":\"High\",\"requester_id\":\""
                + requesterId + "\",\"status\":\"Open\",\"subject\":\"Where is my order?\",\"submitter_id\":\""
                + requesterId + "\",\"tags\":[\"order\",\"web\"],\"type\":\"question\",\"updated_at\":\"" + time
                + "\",\"via\":{\"channel\":\"web\"}},\"event\":{}}";
    }
}
