package dev.liaison.web.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What an {@link Audited} call did beyond its name and target, e.g. which settings a connection edit changed, for
 * {@link AuditFilter} to record. Set by the resource only once the action succeeded; never a value that could be a
 * secret or personal data.
 */
@RequestScoped
public class AuditDetail {

    private String detail;

    public void set(String what) {
        this.detail = what;
    }

    Optional<String> get() {
        return Optional.ofNullable(detail);
    }
}
