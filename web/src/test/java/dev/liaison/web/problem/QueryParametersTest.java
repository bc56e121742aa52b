package dev.liaison.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    @Test
    void anAbsentOrBlankValueIsTheFallback() {
        assertThat(QueryParameters.intBetween(null, "limit", 50, 1, 500)).isEqualTo(50);
        assertThat(QueryParameters.intBetween(" ", "limit", 50, 1, 500)).isEqualTo(50);
    }

    @Test
    void aNumberInRangeIsTaken() {
        assertThat(QueryParameters.intBetween(" 7 ", "limit", 50, 1, 500)).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "501", "18446744073709551616", "1e3", "-1", "2.5"})
    void anythingElseIsAProblemNamingTheParameter(String raw) {
        assertThatThrownBy(() -> QueryParameters.intBetween(raw, "limit", 50, 1, 500))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status().getStatusCode()).isEqualTo(400);
                    assertThat(problem.toProblem(null).field()).isEqualTo("limit");
                });
    }
}
