package dev.liaison.connectors.amocrm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The amoCRM API v4 endpoints Liaison calls (external-apis.md §2), as a MicroProfile REST Client interface built
 * per account base URI. {@code bearer} is the whole {@code Authorization} value. Answers stay {@code Response}s:
 * amoCRM says "nothing there" with 204 and 404, which {@link AmoApi} reads as answers. A null query parameter is
 * left out. Public only because the REST Client's proxy calls it reflectively.
 */
@Path("/api/v4")
@Produces("application/hal+json")
public interface AmoRest {

    /** A page of {@code contacts} or {@code leads}, oldest change first, from {@code updatedFrom} when given. */
    @GET
    @Path("/{resource}")
    Response changed(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("resource") String resource,
                     @QueryParam("limit") int limit, @QueryParam("page") int page,
                     @QueryParam("order[updated_at]") String order,
                     @QueryParam("filter[updated_at][from]") Long updatedFrom, @QueryParam("with") String with);

    /**
     * A page of the account's events of the given {@code types} (comma list), created from {@code createdFrom} when
     * given (external-apis-wave2.md §5.2).
     */
    @GET
    @Path("/events")
    Response events(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("limit") int limit,
                    @QueryParam("page") int page, @QueryParam("filter[type]") String types,
                    @QueryParam("filter[created_at][from]") Long createdFrom);

    @GET
    @Path("/contacts")
    Response searchContacts(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("limit") int limit,
                            @QueryParam("query") String query);

    /** Up to {@code limit} {@code contacts} or {@code leads} by id, each id its own {@code filter[id][]}. */
    @GET
    @Path("/{resource}")
    Response byIds(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("resource") String resource,
                   @QueryParam("limit") int limit, @QueryParam("filter[id][]") List<String> ids,
                   @QueryParam("with") String with);

    @GET
    @Path("/contacts/{id}")
    Response contact(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);

    @GET
    @Path("/leads/{id}")
    Response lead(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id,
                  @QueryParam("with") String with);

    /** Updates one contact or lead ({@code resource} is {@code contacts} or {@code leads}). */
    @PATCH
    @Path("/{resource}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("resource") String resource,
                    @PathParam("id") String id, String record);

    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, String webhook);

    /** amoCRM takes the destination to remove in the body of the DELETE. */
    @DELETE
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    Response deleteWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, String destination);
}
