package dev.liaison.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Webhooks live under {@code /hooks}, the REST API under {@code /api}. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Liaison", version = "0.1",
        description = "Connections, webhook intake, profiles, consent and data-subject requests"))
public class LiaisonApplication extends Application {
}
