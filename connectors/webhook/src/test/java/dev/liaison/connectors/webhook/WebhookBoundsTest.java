package dev.liaison.connectors.webhook;

import static dev.liaison.connectors.webhook.SignedWebhookContractTest.CONNECTION;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.NOW;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.SECRET;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookBoundsTest {

    private static final String LONG_ID = "x".repeat(300);

    private final SignedWebhookConnector connector = new SignedWebhookConnector(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void settingsNameEveryWrongValue() {
        SettingsSpec spec = connector.settings();
        for (String tolerance : new String[] {"abc", "1.5", "12345678901234567890", "9223372036854775807", "0"}) {
            assertThat(spec.validate(Map.of("signingSecret", "x", "toleranceSeconds", tolerance))).as(tolerance)
                    .extracting(SettingsSpec.Violation::setting)
                    .containsExactlyInAnyOrder("signingSecret", "toleranceSeconds");
        }
        assertThat(spec.validate(Map.of("signingSecret", SECRET, "toleranceSeconds", "300"))).isEmpty();
    }

    @Test
    void aToleranceStoredBeforeTheCheckRefusesDeliveriesInsteadOfFailing() {
        ConnectionContext legacy = new ConnectionContext("c-1", "default", SignedWebhookConnector.KIND,
                Map.of(SignedWebhookConnector.SIGNING_SECRET, SECRET, SignedWebhookConnector.TOLERANCE_SECONDS, "abc"));

        assertThatThrownBy(() -> connector.verify(legacy, signed(SignedWebhookContractTest.CONTACT_EVENT, NOW, SECRET)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageNotContaining("abc");
    }

    @Test
    void aContactIdLongerThanItsColumnIsRefusedAtIntakeNamingTheField() {
        String body = """
                {"id":"evt-9","type":"consent.changed","occurredAt":"2026-11-23T09:59:30Z",
                 "data":{"id":"c-9","contactId":"%s","purpose":"marketing","channel":"email","granted":true}}"""
                .formatted(LONG_ID);

        assertThat(violations(body)).extracting(InputViolation::field).containsExactly("data.contactId");
        assertThatThrownBy(() -> connector.parse(CONNECTION, signed(body, NOW, SECRET)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageNotContaining("xxx");
    }

    @Test
    void everyOverlongFieldIsNamedAtOnce() {
        String body = """
                {"id":"%1$s","type":"contact.upserted","occurredAt":"2026-11-23T09:59:30Z",
                 "data":{"id":"%1$s","firstName":"%2$s","emails":["%1$s@example.com"]}}"""
                .formatted(LONG_ID, "a".repeat(2001));

        assertThat(violations(body)).extracting(InputViolation::field)
                .containsExactly("id", "data.id", "data.firstName", "data.emails[]");
    }

    @Test
    void amountsAreDecimalsOfTheLedgerColumnAndAHugeExponentIsRefusedFast() {
        for (String amount : new String[] {"\"1e3000000\"", "1e3000000", "\"1.00001\"", "1234567890123456",
                "\"\u0661\u0662\u0663\"", "\" 10 \""}) {
            String body = """
                    {"id":"evt-2","type":"deal.stage_changed","occurredAt":"2026-11-23T09:59:30Z",
                     "data":{"id":"D-7","stage":"WON","won":true,"amount":%s}}""".formatted(amount);
            long started = System.nanoTime();
            assertThat(violations(body)).as(amount).extracting(InputViolation::field).containsExactly("data.amount");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(amount).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void anEventTimeTheColumnsCannotHoldIsRefusedAtIntakeNamingOccurredAt() {
        for (String time : new String[] {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
                "1899-12-31T23:59:59Z"}) {
            String body = """
                    {"id":"eoc-1","type":"contact.upserted","occurredAt":"%s","data":{"id":"44"}}""".formatted(time);
            assertThat(violations(body)).as(time).extracting(InputViolation::field).containsExactly("occurredAt");
        }
    }

    @Test
    void aThousandLevelsOfNestingAreRefusedBeforeParsing() {
        String body = "{\"id\":\"evt-1\",\"data\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

        assertThat(violations(body)).extracting(InputViolation::field).containsExactly("body");
    }

    private List<InputViolation> violations(String body) {
        WebhookRequest request = signed(body, NOW, SECRET);
        try {
            connector.dedupKey(CONNECTION, request);
        } catch (MalformedPayloadException e) {
            return e.violations();
        }
        throw new AssertionError("the delivery was accepted");
    }
}
