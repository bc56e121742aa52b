package dev.liaison.platform.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The application's secret box, from {@code liaison.secrets.keys} or, in embedded mode, a generated key file. */
@ApplicationScoped
public class SecretSettings {

    private final SecretBox box;

    @Inject
    public SecretSettings(
            @ConfigProperty(name = "liaison.secrets.keys", defaultValue = " ") String keys,
            @ConfigProperty(name = "liaison.data.dir", defaultValue = " ") String dataDir,
            @ConfigProperty(name = "jboss.server.data.dir", defaultValue = "data") String serverDataDir) {
        if (keys == null) {
            this.box = null;
        } else if (!keys.isBlank()) {
            this.box = new SecretBox(SecretKeys.parse(keys));
        } else {
            String directory = dataDir.isBlank() ? serverDataDir : dataDir;
            this.box = new SecretBox(SecretKeys.embedded(Path.of(directory, "secrets.keys")));
        }
    }

    /** For the CDI client proxy only. */
    protected SecretSettings() {
        this(null, null, null);
    }

    public SecretBox box() {
        return box;
    }
}
