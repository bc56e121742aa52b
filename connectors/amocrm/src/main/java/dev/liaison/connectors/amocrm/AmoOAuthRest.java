package dev.liaison.connectors.amocrm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * amoCRM's OAuth2 token endpoint on the account's domain (external-apis.md §2.2): one POST for both the code
 * exchange and the refresh, told apart by {@code grant_type} in the JSON body. Public only because the REST
 * Client's proxy calls it reflectively.
 */
@Path("/oauth2")
public interface AmoOAuthRest {

    @POST
    @Path("/access_token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(String grant);
}
