package dev.liaison.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorStatusesTest {

    @Test
    void aSignedInOperationWithAnIdAndABodyAnswersEveryErrorItsShapeAllows() {
        OperationShape shape = new OperationShape("/api/profiles/{id}/consents", true, true, true, true,
                List.of("compliance-officer", "crm-admin"));

        assertThat(ErrorStatuses.of(shape)).extracting(DocumentedStatus::code)
                .containsExactly("400", "401", "403", "404", "413", "415");
    }

    @Test
    void theForbiddenDescriptionNamesTheRolesNeeded() {
        OperationShape oneRole = new OperationShape("/api/audit", false, true, false, false,
                List.of("compliance-officer"));
        OperationShape twoRoles = new OperationShape("/api/routing/decisions", false, true, false, false,
                List.of("support-agent", "crm-admin"));

        assertThat(description(oneRole, "403")).startsWith("`forbidden`: the caller lacks the role compliance-officer");
        assertThat(description(twoRoles, "403")).contains("one of the roles support-agent, crm-admin");
    }

    @Test
    void aPublicOperationHasNoSignInStatuses() {
        OperationShape hook = new OperationShape("/hooks/{connectionId}", true, true, true, false, List.of());

        assertThat(ErrorStatuses.of(hook)).extracting(DocumentedStatus::code)
                .containsExactly("400", "404", "413");
    }

    @Test
    void aSignedInOperationWithoutInputsCanStillBeInvalidThroughTheWorkspaceHeader() {
        OperationShape rotate = new OperationShape("/api/admin/secrets/rotate", false, false, false, true,
                List.of("crm-admin"));

        assertThat(ErrorStatuses.of(rotate)).extracting(DocumentedStatus::code)
                .containsExactly("400", "401", "403", "415");
        assertThat(description(rotate, "400")).contains("Liaison-Workspace").doesNotContain("body");
    }

    private static String description(OperationShape shape, String code) {
        return ErrorStatuses.of(shape).stream().filter(status -> status.code().equals(code)).findFirst()
                .orElseThrow().description();
    }
}
