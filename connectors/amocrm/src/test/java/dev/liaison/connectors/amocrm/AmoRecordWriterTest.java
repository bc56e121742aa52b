package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordWriter.Entity;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write-back through {@code PATCH /api/v4/contacts/{id}} and {@code PATCH /api/v4/leads/{id}}: custom fields by id
 * or code, standard fields on the record (external-apis.md §2.2), and amoCRM's failures as the outbox needs them.
 */
class AmoRecordWriterTest {

    private static final String CONTACT = "/api/v4/contacts/403181";
    private static final String LEAD = "/api/v4/leads/25399013";

    /** The validation problem of external-apis.md §2.2, verbatim. */
    private static final String NOT_SUPPORTED_CHOICE = "{\"validation-errors\":[{\"request_id\":\"0\","
            + "\"errors\":[{\"code\":\"NotSupportedChoice\",\"path\":\"custom_fields_values.0.field_id\","
            + "\"detail\":\"The value you selected is not a valid choice.\"}]}],\"title\":\"Bad Request\","
            + "\"type\":\"https://httpstatus.es/400\",\"status\":400,\"detail\":\"Request validation failed\"}";

    private final List<Duration> sleeps = new ArrayList<>();
    private final AmoCrmConnector connector = AmoFixtures.connector(sleeps);
    private WireMockServer amocrm;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        connection = AmoFixtures.connection(amocrm.baseUrl(), Map.of());
        amocrm.stubFor(patch(urlPathEqualTo(CONTACT)).willReturn(AmoCrmFake.hal("{\"id\":403181,"
                + "\"updated_at\":1763892000,\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru" + CONTACT
                + "\"}}}")));
        amocrm.stubFor(patch(urlPathEqualTo(LEAD)).willReturn(AmoCrmFake.hal("{\"id\":25399013,"
                + "\"updated_at\":1763892000,\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru" + LEAD
                + "\"}}}")));
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    @Test
    void aContactGetsItsCustomFieldsByIdAndByCodeAndItsNameOnTheRecord() throws Exception {
        connector.updateFields(connection, Entity.CONTACT, "403181",
                Map.of("1277732", "gold", "TIER", "gold", "first_name", "Иван"));

        amocrm.verify(patchRequestedFor(urlPathEqualTo(CONTACT))
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"first_name\":\"Иван\",\"custom_fields_values\":["
                        + "{\"field_id\":1277732,\"values\":[{\"value\":\"gold\"}]},"
                        + "{\"field_code\":\"TIER\",\"values\":[{\"value\":\"gold\"}]}]}")));
    }

    @Test
    void aDealIsALeadWhosePriceIsANumber() throws Exception {
        connector.updateFields(connection, Entity.DEAL, "25399013",
                Map.of("price", "46333", "name", "Renewal 2027", "LOYALTY_TIER", "silver"));

        amocrm.verify(patchRequestedFor(urlPathEqualTo(LEAD)).withRequestBody(equalToJson(
                "{\"name\":\"Renewal 2027\",\"price\":46333,\"custom_fields_values\":["
                        + "{\"field_code\":\"LOYALTY_TIER\",\"values\":[{\"value\":\"silver\"}]}]}")));
        amocrm.verify(0, patchRequestedFor(urlPathEqualTo(CONTACT)));
    }

    @Test
    void anEmptyValueClearsACustomField() throws Exception {
        connector.updateFields(connection, Entity.CONTACT, "403181", Map.of("TIER", ""));

        amocrm.verify(patchRequestedFor(urlPathEqualTo(CONTACT)).withRequestBody(equalToJson(
                "{\"custom_fields_values\":[{\"field_code\":\"TIER\",\"values\":null}]}")));
    }

    @Test
    void aPriceOnAContactIsACustomFieldCodeAsAmoCrmHasNoSuchStandardField() throws Exception {
        connector.updateFields(connection, Entity.CONTACT, "403181", Map.of("price", "x"));

        amocrm.verify(patchRequestedFor(urlPathEqualTo(CONTACT)).withRequestBody(equalToJson(
                "{\"custom_fields_values\":[{\"field_code\":\"price\",\"values\":[{\"value\":\"x\"}]}]}")));
    }

    @Test
    void aValidationProblemIsPermanentAndNamesTheErrorButNotTheValue() {
        amocrm.stubFor(patch(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody(NOT_SUPPORTED_CHOICE)));

        assertThatThrownBy(() -> connector.updateFields(connection, Entity.CONTACT, "403181",
                Map.of("1277732", "platinum"))).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("HTTP 400 from PATCH " + CONTACT)
                            .hasMessageContaining("NotSupportedChoice at custom_fields_values.0.field_id")
                            .hasMessageNotContaining("platinum");
                });
        amocrm.verify(1, patchRequestedFor(urlPathEqualTo(CONTACT)));
    }

    @Test
    void a429IsRetryableAfterTheTimeAmoCrmAsksFor() {
        amocrm.stubFor(patch(urlPathEqualTo(LEAD))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

        assertThatThrownBy(() -> connector.updateFields(connection, Entity.DEAL, "25399013", Map.of("price", "1")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60));
                });
    }

    @Test
    void a5xxIsRetriedAndThenRetryable() {
        amocrm.stubFor(patch(urlPathEqualTo(LEAD)).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> connector.updateFields(connection, Entity.DEAL, "25399013", Map.of("price", "1")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        amocrm.verify(3, patchRequestedFor(urlPathEqualTo(LEAD)));
    }

    @Test
    void aRejectedTokenIsPermanent() {
        amocrm.stubFor(patch(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> connector.updateFields(connection, Entity.CONTACT, "403181", Map.of("TIER", "gold")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("rejected the token").hasMessageNotContaining(AmoFixtures.TOKEN);
                });
    }

    @Test
    void writesThatCouldNeverSucceedAreRefusedWithoutCallingAmoCrm() {
        assertThatThrownBy(() -> connector.updateFields(connection, Entity.CONTACT, "C_89", Map.of("TIER", "gold")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> connector.updateFields(connection, Entity.DEAL, "25399013",
                Map.of("price", "46333.50"))).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("'price'").hasMessageNotContaining("46333");
                });
        amocrm.verify(0, anyRequestedFor(anyUrl()));
    }
}
