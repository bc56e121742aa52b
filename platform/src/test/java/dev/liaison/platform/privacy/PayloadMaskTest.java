package dev.liaison.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadMaskTest {

    @Test
    void aJsonEventKeepsIdsTypesTimesAndStatusesAndMasksThePerson() {
        String event = """
                {"id":"evt-1","type":"contact.upserted","occurredAt":"2026-11-23T09:00:00Z","data":{"id":"c-42",
                 "emails":["anna.petrova@example.com"],"phones":["+79161234567", 79031453455],"firstName":"Anna",
                 "lastName":"Петрова","status":"won","amount":1200.5,"comment":"call me after six",
                 "attributes":{"timezone":"Europe/Moscow","created_at":"2026-11-01"}}}""";

        JsonObject masked = PayloadMask.mask("application/json", bytes(event)).asJsonObject();

        assertThat(masked.toString()).isEqualTo("{\"id\":\"evt-1\",\"type\":\"contact.upserted\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"c-42\","
                + "\"emails\":[\"a***@example.com\"],\"phones\":[\"+7 *** *** ** 67\",\"7 *** *** ** 55\"],"
                + "\"firstName\":\"A***\",\"lastName\":\"П***\",\"status\":\"won\",\"amount\":1200.5,"
                + "\"comment\":\"c***\",\"attributes\":{\"timezone\":\"Europe/Moscow\",\"created_at\":\"2026-11-01\"}}}");
    }

    @Test
    void aFormEncodedBodyIsMaskedFieldByFieldAndItsSecretsEntirely() {
        String bitrix = "event=ONCRMCONTACTUPDATE&data%5BFIELDS%5D%5BID%5D=42&data%5BFIELDS%5D%5BNAME%5D=Anna"
                + "&data%5BFIELDS%5D%5BEMAIL%5D%5B0%5D%5BVALUE%5D=anna%40example.com&ts=1733570000"
                + "&auth%5Bdomain%5D=shop.bitrix24.ru&auth%5Bapplication_token%5D=s3cr3t";

        JsonObject masked = PayloadMask.mask("application/x-www-form-urlencoded", bytes(bitrix)).asJsonObject();

        assertThat(masked.getString("event")).isEqualTo("ONCRMCONTACTUPDATE");
        assertThat(masked.getString("data[FIELDS][ID]")).isEqualTo("42");
        assertThat(masked.getString("data[FIELDS][NAME]")).isEqualTo("A***");
        assertThat(masked.getString("data[FIELDS][EMAIL][0][VALUE]")).isEqualTo("a***@example.com");
        assertThat(masked.getString("ts")).isEqualTo("1733570000");
        assertThat(masked.getString("auth[domain]")).isEqualTo("shop.bitrix24.ru");
        assertThat(masked.getString("auth[application_token]")).isEqualTo("***");
    }

    @Test
    void aFormWithoutItsContentTypeIsRecognisedAndARepeatedFieldBecomesAnArray() {
        JsonObject masked = PayloadMask.mask(null, bytes("To=%2B79161234567&Body=Hello&Body=Again&MessageSid=SM1"))
                .asJsonObject();

        assertThat(masked.getString("To")).isEqualTo("+7 *** *** ** 67");
        assertThat(masked.getJsonArray("Body").toString()).isEqualTo("[\"H***\",\"A***\"]");
        assertThat(masked.getString("MessageSid")).isEqualTo("SM1");
    }

    @Test
    void anythingElseIsShownAsItsSizeOnly() {
        assertThat(PayloadMask.mask("application/json", bytes("{\"broken\":")).toString())
                .isEqualTo("\"[10 bytes, not JSON]\"");
        assertThat(PayloadMask.mask("text/plain", bytes("Anna Petrova called")).toString())
                .isEqualTo("\"[19 bytes, not JSON]\"");
        assertThat(PayloadMask.mask(null, new byte[] {(byte) 0xff, 0x00}).toString())
                .isEqualTo("\"[2 bytes, not JSON]\"");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
