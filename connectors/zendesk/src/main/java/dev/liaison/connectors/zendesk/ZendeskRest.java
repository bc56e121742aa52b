package dev.liaison.connectors.zendesk;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Zendesk Support API v2 endpoints Liaison calls (external-apis.md §3), as a MicroProfile REST Client interface
 * built per instance base URI. Answers stay {@code Response}s so that {@link ZendeskApi} reads the quota headers and
 * judges each status; {@code authorization} is the connection's Basic (API token) or Bearer (OAuth) header value.
 * Public only because the REST Client's proxy calls it reflectively.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public interface ZendeskRest {

    @GET
    @Path("/tickets/{id}.json")
    Response ticket(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

    @PUT
    @Path("/tickets/{id}.json")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateTicket(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                          String ticket);

    @GET
    @Path("/users/{id}.json")
    Response user(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

    @GET
    @Path("/users/search.json")
    Response searchUsers(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @QueryParam("query") String query);

    /** Cursor pagination; {@code after} is null on the first page. */
    @GET
    @Path("/users/{id}/tickets/requested.json")
    Response requestedTickets(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @PathParam("id") String userId, @QueryParam("page[size]") int pageSize,
                              @QueryParam("page[after]") String after);

    /** Soft deletion; the user moves to deleted_users. */
    @DELETE
    @Path("/users/{id}.json")
    Response deleteUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

    /** Permanent deletion of a soft-deleted user, which starts Zendesk's compliance deletion. */
    @DELETE
    @Path("/deleted_users/{id}.json")
    Response deleteDeletedUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @PathParam("id") String id);

    @GET
    @Path("/users/{id}/compliance_deletion_statuses.json")
    Response complianceDeletionStatuses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @PathParam("id") String id);

    /**
     * An incremental export page of {@code resource} (users, tickets): {@code startTime} for the first page, then
     * {@code cursor}; the other is null, and a null query parameter is left out.
     */
    @GET
    @Path("/incremental/{resource}/cursor.json")
    Response incrementalExport(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @PathParam("resource") String resource, @QueryParam("start_time") Long startTime,
                               @QueryParam("cursor") String cursor);
}
