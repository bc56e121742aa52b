package dev.liaison.connectors.amocrm;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class AmoWebhookContractTest extends WebhookReceiverContract {

    private final AmoCrmConnector connector = AmoFixtures.connector(new ArrayList<>());
    private WireMockServer amocrm;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        AmoCrmFake.on(amocrm).stubRecords();
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    @Override
    protected WebhookReceiver receiver() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return AmoFixtures.connection(amocrm.baseUrl(), Map.of());
    }

    @Override
    protected WebhookRequest genuineDelivery() {
        return AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON);
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return AmoFixtures.delivery(AmoCrmFake.CONTACT_UPDATE);
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("no secret in the URL", AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON, ""));
        forged.put("wrong secret", AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON, "secret=hk_guess"));
        forged.put("secret one character short", AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON,
                "secret=" + AmoFixtures.SECRET.substring(1)));
        forged.put("another account id", AmoFixtures.delivery(
                AmoCrmFake.LEAD_STATUS_WON.replace("account%5Bid%5D=7039099", "account%5Bid%5D=7039100")));
        forged.put("another subdomain", AmoFixtures.delivery(
                AmoCrmFake.LEAD_STATUS_WON.replace("account%5Bsubdomain%5D=example", "account%5Bsubdomain%5D=rival")));
        forged.put("no account block", AmoFixtures.delivery(
                AmoCrmFake.LEAD_STATUS_WON.replace("&account%5Bsubdomain%5D=example&account%5Bid%5D=7039099", "")));
        forged.put("a record of another account", AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON.replace(
                "%5Baccount_id%5D=7039099", "%5Baccount_id%5D=1")));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("JSON instead of a form", AmoFixtures.delivery("{\"leads\":{\"status\":[{\"id\":1}]}}"));
        malformed.put("only the account block", AmoFixtures.delivery(
                AmoCrmFake.form("account[subdomain]", "example", "account[id]", "7039099")));
        malformed.put("record without id", AmoFixtures.delivery(AmoCrmFake.form(
                "leads[status][0][status_id]", "142", "account[subdomain]", "example", "account[id]", "7039099")));
        malformed.put("id that is no number", AmoFixtures.delivery(AmoCrmFake.form(
                "contacts[update][0][id]", "abc", "contacts[update][0][type]", "contact",
                "account[subdomain]", "example", "account[id]", "7039099")));
        malformed.put("unknown contact type", AmoFixtures.delivery(AmoCrmFake.form(
                "contacts[add][0][id]", "5", "contacts[add][0][type]", "robot",
                "account[subdomain]", "example", "account[id]", "7039099")));
        malformed.put("broken percent escape", AmoFixtures.delivery("leads%5Bstatus%5D%5B0%5D%5Bid%5D=1%zz"));
        malformed.put("second record broken, first fine", AmoFixtures.delivery(AmoCrmFake.form(
                "leads[status][0][id]", "25399013", "leads[status][1][status_id]", "142",
                "account[subdomain]", "example", "account[id]", "7039099")));
        return malformed;
    }
}
