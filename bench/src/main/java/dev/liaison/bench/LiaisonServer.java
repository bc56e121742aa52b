package dev.liaison.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The provisioned WildFly with Liaison deployed, started on loopback with a port offset so that it cannot collide
 * with a server started by {@code -Prun}. It is stopped when closed and, should the benchmark die first, by a
 * shutdown hook: a benchmark must never leave a server behind.
 */
final class LiaisonServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    /** Ports 8280 and 10190: clear of a server started by -Prun or the ITs. */
    static final int PORT_OFFSET = 200;
    private static final Duration READY_POLL = Duration.ofMillis(500);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);

    private final Process launcher;
    private final int portOffset;
    private boolean stopped;

    private LiaisonServer(Process launcher, int portOffset) {
        this.launcher = launcher;
        this.portOffset = portOffset;
    }

    /**
     * Starts the server against the given PostgreSQL database and waits until it reports ready.
     *
     * @param inboxProcessing whether the server turns stored webhooks into profile changes; a benchmark of intake
     *                        alone switches it off so that its backlog does not compete with the next measurement
     */
    static LiaisonServer start(Path home, String database, Path log, Duration readyTimeout, boolean inboxProcessing)
            throws IOException, InterruptedException {
        return start(home, database, log, readyTimeout, inboxProcessing, PORT_OFFSET, null, List.of());
    }

    /**
     * The same on other ports, e.g. for a second node on the same database.
     *
     * @param baseDir when not null, the node's own copy of the server's configuration and deployment, so that two
     *                nodes of one provisioned server never share a transaction log or a temporary directory
     * @param properties further {@code -Dname=value} options, e.g. the sealing keys that nodes sharing a database
     *                   must share
     */
    static LiaisonServer start(Path home, String database, Path log, Duration readyTimeout, boolean inboxProcessing,
                               int portOffset, Path baseDir, List<String> properties)
            throws IOException, InterruptedException {
        Path script = home.resolve("bin/standalone.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no provisioned server at " + home
                    + "; build it with ./mvnw -Ppostgres -DskipTests package");
        }
        if (!Files.readString(home.resolve("standalone/configuration/standalone.xml")).contains("PostgreSQLDS")) {
            throw new IllegalStateException("the server at " + home + " was provisioned without -Ppostgres");
        }
        refuseIfTaken(8080 + portOffset);
        refuseIfTaken(9990 + portOffset);

        List<String> command = new ArrayList<>(List.of(script.toString(), "-b", LOOPBACK, "-bmanagement", LOOPBACK,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Dliaison.inbox.processing-enabled=" + inboxProcessing,
                "-Dliaison.admin.password=" + BenchSettings.ADMIN_PASSWORD,
                // the benchmarks' connections call fakes on 127.0.0.1
                "-Dliaison.connections.allow-private-hosts=true"));
        command.addAll(properties);
        if (baseDir != null) {
            copyBase(home.resolve("standalone"), baseDir);
            command.add("-Djboss.server.base.dir=" + baseDir);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of(
                "POSTGRESQL_HOST", BenchSettings.POSTGRES_HOST,
                "POSTGRESQL_PORT", Integer.toString(BenchSettings.POSTGRES_PORT),
                "POSTGRESQL_DATABASE", database,
                "POSTGRESQL_USER", BenchDatabase.USER,
                "POSTGRESQL_PASSWORD", BenchDatabase.PASSWORD));
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());

        LiaisonServer server = new LiaisonServer(builder.start(), portOffset);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-liaison-server"));
        try {
            server.awaitReady(readyTimeout, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static void copyBase(Path standalone, Path baseDir) throws IOException {
        for (String part : List.of("configuration", "deployments")) {
            Path from = standalone.resolve(part);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = baseDir.resolve(part).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    URI webhookUri(String connectionId) {
        return URI.create(baseUri() + "/hooks/" + connectionId);
    }

    URI baseUri() {
        return URI.create("http://" + LOOPBACK + ":" + (8080 + portOffset));
    }

    /** standalone.sh and the server JVM it runs. */
    Stream<ProcessHandle> processes() {
        return Stream.concat(Stream.of(launcher.toHandle()), launcher.descendants());
    }

    /** Another server on these ports would be benchmarked instead of ours, so refuse to start at all. */
    private static void refuseIfTaken(int port) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(LOOPBACK, port), 1_000);
        } catch (ConnectException free) {
            return;
        }
        throw new IllegalStateException("port " + port + " on " + LOOPBACK
                + " is in use; stop whatever listens there (a server left by an earlier run?)");
    }

    private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://" + LOOPBACK + ":" + (9990 + portOffset) + "/health/ready");
        HttpRequest probe = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the server exited with status " + launcher.exitValue()
                        + " while starting; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Expected until the management interface is up.
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        throw new IllegalStateException("the server was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /**
     * Asks every process of the tree to stop (WildFly shuts down gracefully on SIGTERM), then kills what is left.
     * The tree is listed first: once standalone.sh is gone, the server JVM is no longer its descendant.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = processes().toList();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, GRACEFUL_STOP)) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, FORCED_STOP);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception stillRunning) {
            return false;
        }
    }
}
