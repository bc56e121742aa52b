package dev.liaison.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void failuresAreDescribedWithoutTheValuesTheirMessagesQuote() {
        RuntimeException failure = new IllegalStateException("could not execute statement for anna@example.com",
                new SQLIntegrityConstraintViolationException("duplicate key anna@example.com", "23505"));

        String description = Failures.withoutValues(failure);

        assertThat(description).isEqualTo(
                "IllegalStateException <- SQLIntegrityConstraintViolationException (SQLState 23505)");
        assertThat(description).doesNotContain("anna");
    }

    @Test
    void aLoggedPathKeepsIdsAndDropsTokensAndLongInput() {
        assertThat(Failures.loggablePath("/api/profiles/7f0c6a1e-4a2b-4c8e-9d51-0b6f3c2a9e10/consents"))
                .isEqualTo("/api/profiles/7f0c6a1e-4a2b-4c8e-9d51-0b6f3c2a9e10/consents");
        assertThat(Failures.loggablePath("/unsubscribe/c2VjcmV0LXRva2Vu.abc")).isEqualTo("/unsubscribe/{token}");
        assertThat(Failures.loggablePath("/api/admin/connections/" + "x".repeat(300) + "\n"))
                .hasSizeLessThan(100).doesNotContain("\n");
    }

    @Test
    void aBodyCutOffByTheSizeLimitIsRecognisedInTheCauseChain() {
        class RequestTooBigException extends java.io.IOException {
        }

        assertThat(Failures.isTooLarge(new IllegalStateException(new RequestTooBigException()))).isTrue();
        assertThat(Failures.isTooLarge(new IllegalStateException("too big"))).isFalse();
    }
}
