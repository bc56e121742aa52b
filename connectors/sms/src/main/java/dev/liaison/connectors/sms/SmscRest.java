package dev.liaison.connectors.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * SMSC's send and status methods as a MicroProfile REST Client interface; answers are JSON with {@code fmt=3}.
 * The send form stays text encoded by {@link Form}. Public only because the REST Client's proxy calls it
 * reflectively.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface SmscRest {

    @POST
    @Path("/sys/send.php")
    @Consumes(SmsConnector.FORM)
    Response send(String form);

    /** Whether SMSC has message {@code id} for {@code phone}. */
    @GET
    @Path("/sys/status.php")
    Response status(@QueryParam("login") String login, @QueryParam("psw") String password,
                    @QueryParam("phone") String phone, @QueryParam("id") String id, @QueryParam("fmt") String format,
                    @QueryParam("charset") String charset);
}
