package dev.liaison.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged server as a process the test owns: started on its own ports, database directory and server base
 * directory, killed with SIGKILL (no shutdown hooks, no graceful undeploy), started again on the same data. Several
 * may run at once on different port offsets (TwoNodeIT).
 */
final class LiaisonServer {

    /** The crash ITs' offset: HTTP 8180, management 10090. */
    static final int DEFAULT_PORT_OFFSET = 100;
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final Path dataDir;
    private final Path baseDir;
    private final int portOffset;
    private final Map<String, String> environment;
    private Process launcher;

    LiaisonServer(Path home, Path dataDir) {
        this(home, dataDir, DEFAULT_PORT_OFFSET, Map.of());
    }

    /** @param environment variables set for the server process, e.g. another {@code POSTGRESQL_DATABASE} */
    LiaisonServer(Path home, Path dataDir, int portOffset, Map<String, String> environment) {
        this.home = home;
        this.dataDir = dataDir;
        this.baseDir = dataDir.resolve("server-base");
        this.portOffset = portOffset;
        this.environment = Map.copyOf(environment);
    }

    int httpPort() {
        return 8080 + portOffset;
    }

    int managementPort() {
        return 9990 + portOffset;
    }

    /** @param properties further {@code -Dname=value} options, e.g. where the mail session sends */
    LiaisonClient start(boolean processing, String... properties) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.server.base.dir=" + ownBaseDir(),
                "-Dliaison.data.dir=" + dataDir,
                "-Dliaison.inbox.processing-enabled=" + processing,
                // the same key as the Arquillian server: on PostgreSQL both servers share one database
                "-Dliaison.secrets.keys=" + System.getProperty("liaison.secrets.keys"),
                "-Dliaison.admin.password=" + LiaisonClient.ADMIN_PASSWORD,
                // connections in these tests call WireMock fakes on 127.0.0.1, as in arquillian.xml
                "-Dliaison.connections.allow-private-hosts=true"));
        command.addAll(List.of(properties));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            launcher = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        }
        awaitReady();
        return new LiaisonClient(URI.create("http://127.0.0.1:" + httpPort() + "/"));
    }

    /**
     * The server's configuration and deployment copied into the test's directory, once, so that its transaction log,
     * temporary and log directories are its own: a -Prun server started from the same ear/target/server keeps its
     * files (a booting WildFly empties its tmp directory), and a restart finds the transaction log it left.
     */
    private Path ownBaseDir() {
        if (Files.isDirectory(baseDir)) {
            return baseDir;
        }
        Path standalone = home.resolve("standalone");
        try {
            for (String part : List.of("configuration", "deployments", "lib")) {
                Path from = standalone.resolve(part);
                if (!Files.isDirectory(from)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path to = baseDir.resolve(standalone.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("could not copy " + standalone + " to " + baseDir, e);
        }
        return baseDir;
    }

    /** SIGKILL to the server JVM and its launcher script, and wait until both are gone. */
    void kill() {
        if (launcher == null) {
            return;
        }
        List<ProcessHandle> processes = new ArrayList<>(launcher.descendants().toList());
        processes.add(launcher.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        processes.forEach(process -> process.onExit().join());
        launcher = null;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort() + "/health/ready");
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new AssertionError("the server exited during boot; see " + dataDir.resolve("server.log"));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the server", e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("the server was not ready within " + BOOT_TIMEOUT);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
