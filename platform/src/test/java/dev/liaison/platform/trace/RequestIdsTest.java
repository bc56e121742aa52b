package dev.liaison.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void aWellFormedRequestIdIsKeptWhateverTheHeadersCase() {
        assertThat(RequestIds.of(Map.of("x-request-id", List.of("abc-123")))).isEqualTo("abc-123");
    }

    @Test
    void aTraceparentServesWhenThereIsNoRequestId() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(RequestIds.of(Map.of("traceparent", List.of(traceparent)))).isEqualTo(traceparent);
    }

    @Test
    void anythingElseIsReplacedByANewId() {
        for (String refused : List.of("", "has space", "semi;colon", "new\nline", "x".repeat(RequestIds.MAX_LENGTH + 1))) {
            String id = RequestIds.of(Map.of("X-Request-Id", List.of(refused)));

            assertThat(id).isNotEqualTo(refused).matches("[0-9a-f-]{36}");
        }
        assertThat(RequestIds.of(Map.of("X-Request-Id", List.of("a", "b")))).as("two values").hasSize(36);
        assertThat(RequestIds.of(Map.of())).hasSize(36);
    }
}
