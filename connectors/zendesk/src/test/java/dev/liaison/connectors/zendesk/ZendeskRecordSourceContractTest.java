package dev.liaison.connectors.zendesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.testkit.RecordSourceContract;
import dev.liaison.connectors.testkit.ZendeskFake;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class ZendeskRecordSourceContractTest extends RecordSourceContract {

    private final ZendeskConnector connector = ZendeskFixtures.connector(new ArrayList<>());
    private WireMockServer zendesk;

    @BeforeEach
    void start() {
        zendesk = ZendeskFixtures.zendesk();
        ZendeskFake.on(zendesk).stubIncrementalExports();
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    @Override
    protected RecordSource source() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return ZendeskFixtures.connection(zendesk.baseUrl(), Map.of());
    }
}
