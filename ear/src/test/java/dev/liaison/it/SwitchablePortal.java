package dev.liaison.it;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import java.time.Duration;

/**
 * The test kit's Bitrix24 portal ({@link Bitrix24Fake.Portal}) behind a WireMock extension, so that a sync IT can
 * change the portal between runs (a contact added while Liaison was not looking) and slow every call down (to pause
 * or kill the server while a pull is in flight).
 */
final class SwitchablePortal implements ResponseDefinitionTransformerV2 {

    volatile Bitrix24Fake.Portal portal;
    volatile Duration delay = Duration.ZERO;

    SwitchablePortal(String webhookPath, int contacts) {
        this.portal = new Bitrix24Fake.Portal(webhookPath, contacts);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        return ResponseDefinitionBuilder.like(portal.answer(serveEvent.getRequest()))
                .withFixedDelay((int) delay.toMillis()).build();
    }

    @Override
    public String getName() {
        return "switchable-bitrix24-portal";
    }
}
