package dev.liaison.connectors.email;

import dev.liaison.connector.api.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one directory of the server under which connections may keep their own templates, so that a CRM admin cannot
 * have Liaison render any file the server can read ({@code /etc}, the configuration) into mail. It is
 * {@value #KEY}, by default {@code templates} in the server's data directory. A connection's
 * {@code templateDirectory} is a path relative to it (or an absolute path inside it) that exists, without
 * {@code ..}, and whose real path, links resolved, is still inside the root's real path. It is checked when the
 * connection is created and again whenever templates are loaded, since links can change.
 */
final class TemplateRoot {

    static final String KEY = "liaison.mail.template-root";
    static final String EXPECTED = "a directory under the server's template root (" + KEY + "), relative to it, "
            + "without '..' or links leading out of it";

    private TemplateRoot() {
    }

    /** The configured root, else {@code ${jboss.server.data.dir}/templates}; empty outside a server. */
    static Optional<Path> configured() {
        return ServerConfig.value(KEY).or(() -> ServerConfig.value("jboss.server.data.dir")
                .map(data -> Path.of(data, "templates").toString())).map(Path::of);
    }

    /** The setting's directory inside the configured root. */
    static Path directory(String value) {
        return directory(configured(), value);
    }

    /**
     * The directory {@code value} names inside {@code root}; an IllegalArgumentException naming the setting, never
     * quoting the value or the root, when it is anything else.
     */
    static Path directory(Optional<Path> root, String value) {
        if (root.isEmpty()) {
            throw refused();
        }
        Path given;
        try {
            given = Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw refused();
        }
        for (Path segment : given) {
            if ("..".equals(segment.toString())) {
                throw refused();
            }
        }
        Path base = root.get().toAbsolutePath().normalize();
        Path directory = base.resolve(given).normalize();
        if (!directory.startsWith(base) || !Files.isDirectory(directory)) {
            throw refused();
        }
        try {
            if (!directory.toRealPath().startsWith(base.toRealPath())) {
                throw refused();
            }
        } catch (IOException e) {
            throw refused();
        }
        return directory;
    }

    private static IllegalArgumentException refused() {
        return new IllegalArgumentException("setting '" + EmailSettings.TEMPLATE_DIRECTORY + "' must be " + EXPECTED);
    }
}
