package dev.liaison.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour every {@link WebhookReceiver} owes the intake. A connector module extends this class in its own
 * tests and supplies deliveries built exactly as the vendor documents them.
 */
public abstract class WebhookReceiverContract {

    protected abstract WebhookReceiver receiver();

    protected abstract ConnectionContext connection();

    /** A genuine delivery of one event. */
    protected abstract WebhookRequest genuineDelivery();

    /** A genuine delivery of a different event than {@link #genuineDelivery()}. */
    protected abstract WebhookRequest anotherGenuineDelivery();

    /** Deliveries that must fail verification, by the reason they are forged (bad signature, other account...). */
    protected abstract Map<String, WebhookRequest> forgedDeliveries();

    /** Correctly authenticated deliveries whose body cannot be understood, by what is wrong with them. */
    protected abstract Map<String, WebhookRequest> malformedDeliveries();

    @Test
    void genuineDeliveryIsAccepted() {
        assertDoesNotThrow(() -> receiver().verify(connection(), genuineDelivery()));
    }

    @TestFactory
    List<DynamicTest> forgedDeliveryIsRejected() {
        assertFalse(forgedDeliveries().isEmpty(), "a contract run needs at least one forged delivery");
        return forgedDeliveries().entrySet().stream()
                .map(forged -> DynamicTest.dynamicTest(forged.getKey(), () -> assertThrows(
                        WebhookRejectedException.class, () -> receiver().verify(connection(), forged.getValue()))))
                .toList();
    }

    @Test
    void redeliveryYieldsTheSameDedupKey() throws Exception {
        String first = receiver().dedupKey(connection(), genuineDelivery());
        String second = receiver().dedupKey(connection(), genuineDelivery());
        assertEquals(first, second);
        assertFalse(first.isBlank());
    }

    @Test
    void differentEventsYieldDifferentDedupKeys() throws Exception {
        assertNotEquals(
                receiver().dedupKey(connection(), genuineDelivery()),
                receiver().dedupKey(connection(), anotherGenuineDelivery()));
    }

    @Test
    void genuineDeliveryParsesIntoEventsOfThisConnection() throws Exception {
        List<CanonicalEvent> events = receiver().parse(connection(), genuineDelivery());
        assertFalse(events.isEmpty(), "a genuine delivery carries at least one event");
        for (CanonicalEvent event : events) {
            assertEquals(connection().id(), event.ref().connectionId());
            assertEquals(connection().kind(), event.ref().system());
        }
    }

    @Test
    void parsingIsRepeatable() throws Exception {
        assertEquals(receiver().parse(connection(), genuineDelivery()), receiver().parse(connection(), genuineDelivery()));
    }

    @TestFactory
    List<DynamicTest> malformedDeliveryIsRefusedWhole() {
        assertFalse(malformedDeliveries().isEmpty(), "a contract run needs at least one malformed delivery");
        return malformedDeliveries().entrySet().stream()
                .map(malformed -> DynamicTest.dynamicTest(malformed.getKey(), () -> {
                    WebhookRequest request = malformed.getValue();
                    MalformedPayloadException refusal = assertThrows(MalformedPayloadException.class,
                            () -> receiver().parse(connection(), request));
                    assertTrue(refusal.getMessage() != null && !refusal.getMessage().isBlank(),
                            "a refusal says what is wrong");
                }))
                .toList();
    }
}
