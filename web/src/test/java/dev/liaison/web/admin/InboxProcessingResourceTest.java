package dev.liaison.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.processing.InboxProcessor;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.web.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pausing and resuming take no input: a body is refused, naming it, and the node's processing is left as it was; and
 * they act on every workspace, so only the operator's own workspace may.
 */
class InboxProcessingResourceTest {

    private final List<String> calls = new ArrayList<>();
    private final InboxProcessingResource resource = new InboxProcessingResource(new InboxProcessor() {
        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }
    });

    @BeforeEach
    void signInToTheOperatorsWorkspace() {
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
    }

    @AfterEach
    void signOut() {
        WorkspaceContext.clear();
    }

    @Test
    void withoutABodyOrWithAnEmptyOneTheNodePausesAndResumes() {
        assertThat(resource.pause(headers(-1, Map.of())).getStatus()).isEqualTo(204);
        assertThat(resource.resume(headers(0, Map.of("Content-Type", "application/json"))).getStatus())
                .isEqualTo(204);

        assertThat(calls).containsExactly("pause", "resume");
    }

    @Test
    void aBodyOfAnyTypeIsRefusedAndNothingChanges() {
        for (HttpHeaders withBody : List.of(headers(2000, Map.of("Content-Type", "application/json")),
                headers(13, Map.of("Content-Type", "text/plain")),
                headers(-1, Map.of("Transfer-Encoding", "chunked")))) {
            assertThatThrownBy(() -> resource.pause(withBody)).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status().getStatusCode()).isEqualTo(400);
                assertThat(e.toProblem("/api/admin/inbox/pause").field()).isEqualTo("body");
            });
            assertThatThrownBy(() -> resource.resume(withBody)).isInstanceOf(ProblemException.class);
        }

        assertThat(calls).isEmpty();
    }

    @Test
    void anotherWorkspacesAdminMayNotPauseOrResumeTheNodeForEveryWorkspace() {
        WorkspaceContext.enter("acme");

        for (var operation : List.<Runnable>of(() -> resource.pause(headers(-1, Map.of())),
                () -> resource.resume(headers(-1, Map.of())))) {
            assertThatThrownBy(operation::run).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status().getStatusCode()).isEqualTo(403));
        }
        assertThat(calls).isEmpty();
    }

    private static HttpHeaders headers(int length, Map<String, String> values) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getLength" -> length;
                    case "getHeaderString" -> values.get((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
