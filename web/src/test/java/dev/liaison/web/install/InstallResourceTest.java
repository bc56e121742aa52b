package dev.liaison.web.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.InstallReceiver;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The install handler hands the request to the connector of the path's kind and maps its refusals, knowing no vendor. */
class InstallResourceTest {

    private static final String KIND = "crm";

    private final List<String> calls = new ArrayList<>();
    private CallbackRequest received;

    @Test
    void theConnectorGetsTheRequestAndThePublicUrlsAndItsAnswerGoesBack() {
        Installing connector = new Installing(null);

        var answer = resource(connector).post(KIND, "c-1", "event=ONAPPINSTALL", uri("?a=1"), headers());

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getMediaType()).hasToString("application/json");
        assertThat(answer.getEntity()).isInstanceOfSatisfying(JsonObject.class,
                json -> assertThat(json.getString("status")).isEqualTo("INSTALLED"));
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.bodyText()).isEqualTo("event=ONAPPINSTALL");
        assertThat(received.query()).isEqualTo("a=1");
        assertThat(received.header("content-type")).contains("application/x-www-form-urlencoded");
        assertThat(received.webhookUrl()).hasToString("https://liaison.example/hooks/c-1");
        assertThat(received.callbackUrl()).hasToString("https://liaison.example/install/crm/c-1");
        assertThat(calls).containsExactly("forget c-1");
    }

    @Test
    void refusalsBecomeTheProblemTypesOfTheInstallHandler() {
        assertThat(problemOf(new SetupRefusedException(SetupRefusedException.Reason.UNAUTHORIZED, "auth[domain]",
                "is not the portal")).status()).isEqualTo(401);
        Problem conflict = problemOf(new SetupRefusedException(SetupRefusedException.Reason.CONFLICT, "member_id",
                "is another portal's"));
        assertThat(conflict.type()).isEqualTo(Problem.type("app-install-conflict"));
        assertThat(conflict.field()).isEqualTo("member_id");
        assertThat(problemOf(SetupRefusedException.invalid("event", "is required")).type())
                .isEqualTo(Problem.type("validation"));
        Problem failed = problemOf(RemoteSystemException.permanent("the portal answered 500"));
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.type()).isEqualTo(Problem.type("crm-unavailable"));
        assertThat(calls).containsOnly("forget c-1");
    }

    @Test
    void aConnectionOfAnotherKindOrAKindWithoutAnInstallHandlerIsNotFound() {
        InstallResource resource = resource(new Installing(null));

        assertThatThrownBy(() -> resource.redirect("other", "c-1", uri(""), headers()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> resource.redirect(KIND, "c-of-another-kind", uri(""), headers()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().getStatusCode()).isEqualTo(404));
        assertThat(received).isNull();
    }

    private Problem problemOf(Exception failure) {
        InstallResource resource = resource(new Installing(failure));
        try {
            resource.post(KIND, "c-1", "", uri(""), headers());
        } catch (ProblemException e) {
            return e.toProblem("/install/crm/c-1");
        }
        throw new AssertionError("no problem for " + failure);
    }

    private InstallResource resource(Connector connector) {
        ConnectorRegistry registry = new ConnectorRegistry(null) {
            @Override
            public Optional<Connector> find(String kind) {
                return Optional.of(connector).filter(found -> found.kind().equals(kind));
            }
        };
        ConnectionDirectory directory = new ConnectionDirectory(null, null, null) {
            @Override
            public Optional<ConnectionContext> active(String connectionId) {
                String kind = connectionId.equals("c-of-another-kind") ? "other" : KIND;
                return Optional.of(new ConnectionContext(connectionId, "default", kind, Map.of()));
            }

            @Override
            public void forget(String connectionId) {
                calls.add("forget " + connectionId);
            }
        };
        return new InstallResource(directory, registry, Optional.of("https://liaison.example"));
    }

    private static UriInfo uri(String query) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRequestUri" -> URI.create("http://internal:8080/install/crm/c-1" + query);
                    case "getBaseUri" -> URI.create("http://internal:8080/");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpHeaders headers() {
        MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
        headers.add("Content-Type", "application/x-www-form-urlencoded");
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRequestHeaders" -> headers;
                    case "getHeaderString" -> headers.getFirst("Content-Type");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A connector with an install handler that answers as Bitrix24's does, or fails as told. */
    private final class Installing implements Connector, InstallReceiver {

        private final Exception failure;

        Installing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public SettingsSpec settings() {
            return SettingsSpec.of();
        }

        @Override
        public CallbackResponse receive(ConnectionContext connection, CallbackRequest request)
                throws SetupRefusedException, RemoteSystemException {
            if (failure instanceof SetupRefusedException refused) {
                throw refused;
            }
            if (failure instanceof RemoteSystemException remote) {
                throw remote;
            }
            received = request;
            return CallbackResponse.json("{\"boundEvents\":[],\"memberId\":\"m\",\"status\":\"INSTALLED\"}");
        }
    }
}
