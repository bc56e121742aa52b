package dev.liaison.connectors.bitrix24;

import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.CONTACT_UPDATE;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.SDK_CONTACT_ADD;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.delivery;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.event;
import static dev.liaison.connectors.testkit.Bitrix24Fake.CONTACT_89;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class Bitrix24WebhookContractTest extends WebhookReceiverContract {

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private WireMockServer portal;

    @BeforeEach
    void start() {
        portal = Bitrix24Fixtures.portal();
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("contact", 89, Bitrix24Fake.ok(CONTACT_89));
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Override
    protected WebhookReceiver receiver() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }

    @Override
    protected WebhookRequest genuineDelivery() {
        return delivery(CONTACT_UPDATE);
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return delivery(event("ONCRMCONTACTUPDATE", 89, 1724696301));
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("wrong application token", delivery(CONTACT_UPDATE.replace(
                "application_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas",
                "application_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozaX")));
        forged.put("no application token", delivery(CONTACT_UPDATE.replace(
                "&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas", "")));
        forged.put("another portal's genuine event (b24phpsdk capture)", delivery(SDK_CONTACT_ADD));
        forged.put("right token, another member_id", delivery(CONTACT_UPDATE.replace(
                "a223c6b3710f85df22e9377d6c4f7553", "010b6886ebc205e43ae65000ee00addb")));
        forged.put("right token, another domain", delivery(CONTACT_UPDATE.replace(
                "auth%5Bdomain%5D=example.bitrix24.ru", "auth%5Bdomain%5D=evil.bitrix24.ru")));
        forged.put("the token given twice", delivery(CONTACT_UPDATE + "&auth%5Bapplication_token%5D=guess"));
        forged.put("JSON instead of a form", delivery("{\"event\":\"ONCRMCONTACTUPDATE\"}"));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("no record id", delivery(CONTACT_UPDATE.replace("data%5BFIELDS%5D%5BID%5D=89&", "")));
        malformed.put("record id not a number", delivery(CONTACT_UPDATE.replace(
                "data%5BFIELDS%5D%5BID%5D=89", "data%5BFIELDS%5D%5BID%5D=eighty-nine")));
        malformed.put("no ts", delivery(CONTACT_UPDATE.replace("&ts=1724696255", "")));
        malformed.put("a task event this handler is not bound to", delivery(event("ONTASKADD", 89, 1724696255)));
        malformed.put("broken percent escape", delivery(CONTACT_UPDATE.replace("ID%5D=89", "ID%5D=%zz")));
        malformed.put("empty body", delivery(""));
        return malformed;
    }
}
