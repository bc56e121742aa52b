package dev.liaison.web.problem;

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
}
