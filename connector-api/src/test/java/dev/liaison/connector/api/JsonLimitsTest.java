package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {

    @Test
    void ordinaryDocumentsPass() {
        assertThat(JsonLimits.tooDeep(bytes("{\"id\":\"e-1\",\"data\":{\"tags\":[\"a\",\"b\"]}}"))).isFalse();
        assertThat(JsonLimits.tooDeep(bytes(nested(JsonLimits.MAX_DEPTH)))).isFalse();
    }

    @Test
    void aThousandLevelsAreTooDeep() {
        assertThat(JsonLimits.tooDeep(bytes(nested(JsonLimits.MAX_DEPTH + 1)))).isTrue();
        assertThat(JsonLimits.tooDeep(bytes(nested(1000)))).isTrue();
        assertThat(JsonLimits.tooDeep(bytes("[".repeat(1000)))).isTrue();
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String text = "{\"note\":\"" + "[{".repeat(100) + "\\\"" + "\"}";
        assertThat(JsonLimits.tooDeep(bytes(text))).isFalse();
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
