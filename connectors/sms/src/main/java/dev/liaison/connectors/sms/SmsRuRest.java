package dev.liaison.connectors.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * SMS.ru's send method as a MicroProfile REST Client interface: a form POST ({@code api_id}, {@code to},
 * {@code msg}, {@code json=1}...) whose JSON answer has a status per number. The form stays text encoded by
 * {@link Form}, so that the same message is always the same request. Public only because the REST Client's proxy
 * calls it reflectively.
 */
public interface SmsRuRest {

    @POST
    @Path("/sms/send")
    @Consumes(SmsConnector.FORM)
    @Produces(MediaType.APPLICATION_JSON)
    Response send(String form);
}
