package dev.liaison.web.security;

import dev.liaison.platform.account.UserAccountStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bootstrap user of the embedded sign-in: {@code admin} with all three roles in the default workspace, created
 * at the first start. Its password is {@code LIAISON_ADMIN_PASSWORD} when set; otherwise one is generated and
 * printed once to the console, the only place it ever appears. With Keycloak the user exists but is never asked.
 */
@ApplicationScoped
public class EmbeddedAdmin {

    static final String USERNAME = "admin";

    private final UserAccountStore accounts;
    private final Optional<String> configuredPassword;
    private final Clock clock;

    @Inject
    public EmbeddedAdmin(UserAccountStore accounts,
                         @ConfigProperty(name = "liaison.admin.password") Optional<String> configuredPassword,
                         Clock clock) {
        this.accounts = accounts;
        this.configuredPassword = configuredPassword;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected EmbeddedAdmin() {
        this(null, Optional.empty(), null);
    }

    public void ensureExists(PrintStream console) {
        if (accounts.exists(USERNAME)) {
            return;
        }
        Optional<String> configured = configuredPassword.filter(password -> !password.isBlank());
        char[] password = configured.map(String::toCharArray).orElseGet(PasswordHashes::generate);
        boolean created = accounts.createIfAbsent(USERNAME, PasswordHashes.bcrypt(password), WorkspaceContext.DEFAULT,
                Set.copyOf(Roles.ALL), clock.instant());
        if (created && configured.isEmpty()) {
            console.println("Liaison: created the user 'admin' with the generated password " + new String(password)
                    + " - it is shown only this once; set LIAISON_ADMIN_PASSWORD before the first start to choose it.");
        }
    }
}
