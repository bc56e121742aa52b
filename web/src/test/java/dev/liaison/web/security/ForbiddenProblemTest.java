package dev.liaison.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.web.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

class ForbiddenProblemTest {

    @RolesAllowed("crm-admin")
    static class Resource {

        public void classRole() {
        }

        @RolesAllowed({"support-agent", "compliance-officer"})
        public void ownRoles() {
        }
    }

    @Test
    void aRefusalNamesTheRoleOfTheResourceClass() throws NoSuchMethodException {
        Problem problem = ForbiddenProblems.forbidden(Resource.class.getMethod("classRole"),
                "/api/admin/connections");

        assertThat(problem.type()).isEqualTo("urn:liaison:problem:forbidden");
        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.detail()).isEqualTo("Needs the role crm-admin");
        assertThat(problem.instance()).isEqualTo("/api/admin/connections");
    }

    @Test
    void theMethodsOwnRolesOverrideTheClasssAndAnyOfThemWouldDo() throws NoSuchMethodException {
        Problem problem = ForbiddenProblems.forbidden(Resource.class.getMethod("ownRoles"), null);

        assertThat(problem.detail()).isEqualTo("Needs one of the roles support-agent, compliance-officer");
    }

    @Test
    void aRefusalOutsideAnyResourceMethodIsStillTypedForbidden() {
        Problem problem = ForbiddenProblems.forbidden(null, "/api");

        assertThat(problem.type()).isEqualTo("urn:liaison:problem:forbidden");
        assertThat(problem.detail()).isEqualTo("The caller may not do this");
    }
}
