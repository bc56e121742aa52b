package dev.liaison.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ConnectionSyncResourceTest {

    @Test
    void noBodyOrFullFalseIsAnIncrementalRun() {
        assertThat(ConnectionSyncResource.full(null)).isFalse();
        assertThat(ConnectionSyncResource.full(" ")).isFalse();
        assertThat(ConnectionSyncResource.full("{}")).isFalse();
        assertThat(ConnectionSyncResource.full("{\"full\": false}")).isFalse();
        assertThat(ConnectionSyncResource.full("{\"full\": true}")).isTrue();
    }

    @Test
    void aBadBodyNamesTheField() {
        assertThatThrownBy(() -> ConnectionSyncResource.full("{\"full\": \"yes\"}"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.toProblem("/x")
                        .errors()).extracting(error -> error.field()).containsExactly("full"));
        assertThatThrownBy(() -> ConnectionSyncResource.full("{\"fulll\": true}"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.toProblem("/x")
                        .errors()).extracting(error -> error.field()).containsExactly("fulll"));
        assertThatThrownBy(() -> ConnectionSyncResource.full("{\"<script>\": true}"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.toProblem("/x")
                        .errors()).extracting(error -> error.field()).containsExactly("body"));
        assertThatThrownBy(() -> ConnectionSyncResource.full("[true]")).isInstanceOf(ProblemException.class);
    }
}
