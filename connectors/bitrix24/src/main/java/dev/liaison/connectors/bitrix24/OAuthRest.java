package dev.liaison.connectors.bitrix24;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Bitrix24 OAuth server's token endpoint (external-apis.md §1.2): a GET for both grants; {@code code} or
 * {@code refreshToken} is given, the other is null and left out. Public only because the REST Client's proxy calls
 * it reflectively.
 */
@Path("/oauth/token/")
@Produces(MediaType.APPLICATION_JSON)
public interface OAuthRest {

    @GET
    Response token(@QueryParam("grant_type") String grantType, @QueryParam("client_id") String clientId,
                   @QueryParam("client_secret") String clientSecret, @QueryParam("code") String code,
                   @QueryParam("refresh_token") String refreshToken);
}
