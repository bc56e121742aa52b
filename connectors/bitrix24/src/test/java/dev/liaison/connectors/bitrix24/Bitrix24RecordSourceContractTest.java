package dev.liaison.connectors.bitrix24;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.testkit.RecordSourceContract;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class Bitrix24RecordSourceContractTest extends RecordSourceContract {

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private WireMockServer portal;

    @BeforeEach
    void start() {
        portal = new PortalFake(PortalFake.CONTACTS).serve();
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Override
    protected RecordSource source() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }
}
