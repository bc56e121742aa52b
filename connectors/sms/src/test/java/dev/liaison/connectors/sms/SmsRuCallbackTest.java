package dev.liaison.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsRuCallbackTest {

    private final SmsRuConnector connector = new SmsRuConnector(SmsFixtures.remoteHttp(), SmsFixtures.CLOCK);

    @Test
    void everyStatusRecordBecomesAnEventAtItsOwnTime() throws Exception {
        List<CanonicalEvent> events = connector.parse(SmsRuWebhookContractTest.smsRu(),
                SmsRuWebhookContractTest.callback(SmsRuWebhookContractTest.DELIVERED, SmsRuWebhookContractTest.SENT,
                        "sms_status\n000000-10000003\n108"));

        assertThat(events).containsExactly(
                new DeliveryStatusChanged(new ExternalRef("smsru", "conn-smsru", "000000-10000001"),
                        Instant.ofEpochSecond(1713374290), DeliveryStatus.DELIVERED, "smsru 103 delivered"),
                new DeliveryStatusChanged(new ExternalRef("smsru", "conn-smsru", "000000-10000002"),
                        Instant.ofEpochSecond(1713374250), DeliveryStatus.SENT, "smsru 102 sent"),
                new DeliveryStatusChanged(new ExternalRef("smsru", "conn-smsru", "000000-10000003"),
                        SmsFixtures.NOW, DeliveryStatus.REJECTED, "smsru 108 rejected"));
    }

    @Test
    void aTimeNoColumnHoldsIsRefusedAtIntakeNamingTheRecord() {
        // 999999999999 seconds is in the year 33658.
        assertThatThrownBy(() -> connector.dedupKey(SmsRuWebhookContractTest.smsRu(), SmsRuWebhookContractTest
                .callback(SmsRuWebhookContractTest.SENT, "sms_status\n000000-10000003\n103\n999999999999")))
                .isInstanceOfSatisfying(MalformedPayloadException.class, e -> assertThat(e.violations())
                        .extracting(InputViolation::field).containsExactly("data[1]"));
    }

    @Test
    void recordsOfOtherTypesAreSkipped() throws Exception {
        assertThat(connector.parse(SmsRuWebhookContractTest.smsRu(), SmsRuWebhookContractTest.callback(
                "callcheck_status\n201737-542\n401\n1713374290", SmsRuWebhookContractTest.SENT))).hasSize(1);
    }

    @Test
    void theSenderIsAnsweredWith100() {
        assertThat(connector.acknowledgement()).contains("100");
    }

    @Test
    void theDedupKeyNamesEachRecordAndIgnoresTheirOrder() throws Exception {
        String key = connector.dedupKey(SmsRuWebhookContractTest.smsRu(), SmsRuWebhookContractTest.callback(
                SmsRuWebhookContractTest.DELIVERED, SmsRuWebhookContractTest.SENT));

        assertThat(key).isEqualTo("smsru:000000-10000001:103,000000-10000002:102");
        assertThat(connector.dedupKey(SmsRuWebhookContractTest.smsRu(), SmsRuWebhookContractTest.callback(
                SmsRuWebhookContractTest.SENT, SmsRuWebhookContractTest.DELIVERED))).isEqualTo(key);
    }

    @Test
    void aFullBatchStillFitsTheInboxKey() throws Exception {
        String[] records = new String[100];
        for (int i = 0; i < records.length; i++) {
            records[i] = "sms_status\n000000-1" + String.format("%07d", i) + "\n103\n1713374290";
        }
        assertThat(connector.dedupKey(SmsRuWebhookContractTest.smsRu(), SmsRuWebhookContractTest.callback(records)))
                .startsWith("smsru:sha256:").hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void aMatchingHashIsAccepted() {
        String records = SmsRuWebhookContractTest.DELIVERED + SmsRuWebhookContractTest.SENT;
        String body = SmsFixtures.form("data[0]", SmsRuWebhookContractTest.DELIVERED, "data[1]",
                SmsRuWebhookContractTest.SENT, "hash", Digests.sha256Hex(SmsRuWebhookContractTest.API_ID + records));

        assertThatCode(() -> connector.verify(SmsRuWebhookContractTest.smsRu(),
                SmsFixtures.delivery(SmsFixtures.secretQuery(), body, Map.of()))).doesNotThrowAnyException();
    }
}
