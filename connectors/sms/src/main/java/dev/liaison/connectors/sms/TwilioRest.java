package dev.liaison.connectors.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Twilio's Messages resource as a MicroProfile REST Client interface: creating a message is a form POST with HTTP
 * Basic auth of the account SID and auth token. The form stays text encoded by {@link Form}. Public only because
 * the REST Client's proxy calls it reflectively.
 */
@Path("/2010-04-01/Accounts/{accountSid}")
public interface TwilioRest {

    @POST
    @Path("/Messages.json")
    @Consumes(SmsConnector.FORM)
    @Produces(MediaType.APPLICATION_JSON)
    Response createMessage(@HeaderParam(HttpHeaders.AUTHORIZATION) String basic,
                           @PathParam("accountSid") String accountSid, String form);
}
