package dev.liaison.web.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an admin or compliance action: {@link AuditFilter} records who called it, when, on which target (the
 * {@code id} path parameter) and with what outcome, including refusals.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Audited {

    /** The action's name in the trail, e.g. {@code connection.create}. */
    String value() default "";
}
