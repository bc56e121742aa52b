package dev.liaison.web.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The roles a resource method asks for, read the way RESTEasy's role check reads them: the method's own
 * {@code @RolesAllowed} or {@code @PermitAll} first, then its class's. The caller needs any one of them.
 */
public final class RequiredRoles {

    private RequiredRoles() {
    }

    /** Empty when anyone may call the method. */
    public static List<String> of(Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return List.of();
        }
        RolesAllowed own = method.getAnnotation(RolesAllowed.class);
        if (own != null) {
            return List.of(own.value());
        }
        Class<?> resource = method.getDeclaringClass();
        RolesAllowed inherited = resource.getAnnotation(RolesAllowed.class);
        return inherited == null || resource.isAnnotationPresent(PermitAll.class) ? List.of()
                : List.of(inherited.value());
    }

    /** What a 403 tells the caller it was missing. */
    public static String describe(List<String> roles) {
        return roles.size() == 1 ? "the role " + roles.get(0) : "one of the roles " + String.join(", ", roles);
    }
}
