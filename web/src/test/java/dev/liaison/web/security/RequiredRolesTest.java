package dev.liaison.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

class RequiredRolesTest {

    @RolesAllowed(Roles.CRM_ADMIN)
    static class Secured {

        public void inherited() {
        }

        @PermitAll
        public void open() {
        }
    }

    @PermitAll
    static class Public {

        public void anyone() {
        }
    }

    @Test
    void aMethodWithoutAnnotationsNeedsItsClasssRoles() throws NoSuchMethodException {
        assertThat(RequiredRoles.of(Secured.class.getMethod("inherited"))).containsExactly(Roles.CRM_ADMIN);
    }

    @Test
    void permitAllNeedsNoRole() throws NoSuchMethodException {
        assertThat(RequiredRoles.of(Secured.class.getMethod("open"))).isEmpty();
        assertThat(RequiredRoles.of(Public.class.getMethod("anyone"))).isEmpty();
    }
}
