package dev.liaison.web.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class InboxEntryProcessingTest {

    @Test
    void failuresAreDescribedWithoutTheValuesTheirMessagesQuote() {
        RuntimeException failure = new IllegalStateException("could not execute statement for anna@example.com",
                new SQLIntegrityConstraintViolationException("duplicate key anna@example.com", "23505"));

        String description = InboxEntryProcessing.withoutValues(failure);

        assertThat(description).isEqualTo(
                "IllegalStateException <- SQLIntegrityConstraintViolationException (SQLState 23505)");
        assertThat(description).doesNotContain("anna");
    }
}
