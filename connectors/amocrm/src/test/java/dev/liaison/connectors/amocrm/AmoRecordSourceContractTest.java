package dev.liaison.connectors.amocrm;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.testkit.RecordSourceContract;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class AmoRecordSourceContractTest extends RecordSourceContract {

    private final AmoCrmConnector connector = AmoFixtures.connector(new ArrayList<>());
    private WireMockServer amocrm;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        AmoCrmFake.on(amocrm).stubListing(AmoFixtures.TOKEN);
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    @Override
    protected RecordSource source() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return AmoFixtures.connection(amocrm.baseUrl(), Map.of());
    }
}
