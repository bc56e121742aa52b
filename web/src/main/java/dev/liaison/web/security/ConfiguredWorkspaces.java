package dev.liaison.web.security;

import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's list of workspaces ({@code liaison.workspaces}, e.g. {@code LIAISON_WORKSPACES=default,acme}),
 * registered at every start. It is the only way a workspace comes into being: with Keycloak, a token naming a
 * workspace that is not listed here is refused rather than given a fresh, empty one.
 */
@ApplicationScoped
public class ConfiguredWorkspaces {

    private final List<String> configured;
    private final WorkspaceDirectory directory;
    private final Clock clock;

    @Inject
    public ConfiguredWorkspaces(@ConfigProperty(name = "liaison.workspaces", defaultValue = WorkspaceContext.DEFAULT)
                                List<String> configured, WorkspaceDirectory directory, Clock clock) {
        this.configured = configured;
        this.directory = directory;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected ConfiguredWorkspaces() {
        this(List.of(), null, null);
    }

    /** Registers each configured workspace and the default one; a malformed id stops the start with its position. */
    public void register() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(WorkspaceContext.DEFAULT);
        for (int i = 0; i < configured.size(); i++) {
            String id = configured.get(i).trim();
            if (!WorkspaceDirectory.ID.matcher(id).matches()) {
                throw new IllegalStateException("liaison.workspaces: entry " + (i + 1) + " is not a workspace id "
                        + "(1 to 64 lower-case letters, digits, '-' or '_')");
            }
            ids.add(id);
        }
        ids.forEach(id -> directory.register(id, clock.instant()));
    }
}
