package dev.liaison.connectors.bitrix24;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Bitrix24 REST methods Liaison calls (external-apis.md §1), as a MicroProfile REST Client interface built per
 * portal: the base URI is the incoming webhook URL or the local application's client endpoint, and each method is
 * {@code POST <base><method>} with its parameters as a JSON object (with {@code "auth"} for an application).
 * {@code entity} is a CRM method prefix such as {@code crm.contact}. Answers stay {@code Response}s because
 * Bitrix24 writes errors as an envelope that {@link Bitrix24Api} reads whatever the status. Public only because
 * the REST Client's proxy calls it reflectively.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface Bitrix24Rest {

    @POST
    @Path("{entity}.get")
    Response get(@PathParam("entity") String entity, String params);

    @POST
    @Path("{entity}.list")
    Response list(@PathParam("entity") String entity, String params);

    @POST
    @Path("{entity}.update")
    Response update(@PathParam("entity") String entity, String params);

    /** Up to 50 commands, each {@code method?params} as PHP would write the query. */
    @POST
    @Path("batch")
    Response batch(String params);

    @POST
    @Path("event.get")
    Response eventHandlers(String params);

    @POST
    @Path("event.bind")
    Response bindEvent(String params);

    @POST
    @Path("crm.timeline.comment.add")
    Response addTimelineComment(String params);

    @POST
    @Path("tasks.task.add")
    Response addTask(String params);
}
