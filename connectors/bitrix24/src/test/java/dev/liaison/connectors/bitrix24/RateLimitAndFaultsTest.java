package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.CONTACT_UPDATE;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.delivery;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.method;
import static dev.liaison.connectors.testkit.Bitrix24Fake.CONTACT_89;
import static dev.liaison.connectors.testkit.Bitrix24Fake.error;
import static dev.liaison.connectors.testkit.Bitrix24Fake.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.RemoteSystemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitAndFaultsTest {

    private static final String QUERY_LIMIT = "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}";
    private static final String TIME_LIMIT = "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":"
            + "\"Method is blocked due to operation time limit.\"}";

    private final List<Duration> sleeps = new ArrayList<>();
    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(sleeps);
    private WireMockServer portal;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        portal = Bitrix24Fixtures.portal();
        connection = Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aQueryLimitExceededIsBackedOffAndRetried() throws Exception {
        stubOnceThen(error(503, QUERY_LIMIT));

        assertThat(connector.parse(connection, delivery(CONTACT_UPDATE)))
                .singleElement().isInstanceOf(ContactUpserted.class);
        assertThat(sleeps).hasSize(1);
        portal.verify(2, postRequestedFor(urlPathEqualTo(method("crm.contact.get"))));
    }

    @Test
    void anOperationTimeLimitIsBackedOffAndRetried() throws Exception {
        stubOnceThen(error(429, TIME_LIMIT));

        assertThat(connector.parse(connection, delivery(CONTACT_UPDATE))).hasSize(1);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aPortalThatStaysOverItsLimitEndsInARetryableFailureWithoutTheWebhookCode() {
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.get"))).willReturn(error(503, QUERY_LIMIT)));

        assertThatThrownBy(() -> connector.parse(connection, delivery(CONTACT_UPDATE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("503", "crm.contact.get").doesNotContain("7xq2kd9w3m1p0abc");
                });
        portal.verify(3, postRequestedFor(urlPathEqualTo(method("crm.contact.get"))));
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isGreaterThanOrEqualTo(sleeps.get(0).dividedBy(2));
    }

    @Test
    void aGarbledSuccessIsRetryableLater() {
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.get"))).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>maintenance</html>")));

        assertThatThrownBy(() -> connector.parse(connection, delivery(CONTACT_UPDATE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void theBucketHoldsCallsToThePortalsRate() throws Exception {
        ConnectionContext slow = Bitrix24Fixtures.connection(portal.baseUrl(),
                Map.of(Bitrix24Settings.RATE_PER_SECOND, "5", Bitrix24Settings.BURST, "1"));
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.get"))).willReturn(ok(CONTACT_89)));

        long started = System.nanoTime();
        for (int call = 0; call < 3; call++) {
            connector.parse(slow, delivery(CONTACT_UPDATE));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    private void stubOnceThen(ResponseDefinitionBuilder refusal) {
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.get"))).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(refusal).willSetStateTo("drained"));
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.get"))).inScenario("limited")
                .whenScenarioStateIs("drained").willReturn(ok(CONTACT_89)));
    }
}
