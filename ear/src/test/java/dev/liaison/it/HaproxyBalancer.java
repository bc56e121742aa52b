package dev.liaison.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * HAProxy from the Debian package (installed by .ci/run when missing) in front of several {@link LiaisonServer}s:
 * round robin over their HTTP ports, a node taken out of rotation when its MicroProfile readiness check on the
 * management port fails twice, and a request that meets a dead node retried on another. Retrying a webhook POST is
 * safe because intake is idempotent (the dedup key turns a second delivery into "duplicate"). Runs in the foreground
 * as a child process of the test, logging to a file in its own directory, and is stopped by that process.
 */
final class HaproxyBalancer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private HaproxyBalancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The haproxy executable on the PATH or in /usr/sbin, where Debian puts it. */
    static Optional<Path> executable() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "haproxy"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static HaproxyBalancer start(Path executable, Path dir, List<LiaisonServer> nodes) {
        int port = freePort();
        String servers = IntStream.range(0, nodes.size())
                .mapToObj(i -> "    server node" + (i + 1) + " 127.0.0.1:" + nodes.get(i).httpPort()
                        + " check port " + nodes.get(i).managementPort())
                .collect(Collectors.joining("\n"));
        String config = """
                global
                    maxconn 256
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response
                frontend liaison
                    bind 127.0.0.1:%d
                    default_backend liaison_nodes
                backend liaison_nodes
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                %s
                """.formatted(port, servers);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("haproxy.cfg");
            Files.writeString(file, config);
            Process process = new ProcessBuilder(executable.toString(), "-db", "-f", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("haproxy.log").toFile())
                    .start();
            HaproxyBalancer balancer = new HaproxyBalancer(process, port);
            balancer.awaitListening(dir);
            return balancer;
        } catch (IOException e) {
            throw new AssertionError("could not start " + executable + " in " + dir, e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() {
        process.destroy();
        process.onExit().join();
    }

    private void awaitListening(Path dir) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited; see " + dir.resolve("haproxy.log"));
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                pause();
            }
        }
        throw new AssertionError("haproxy did not listen on " + port + " within " + START_TIMEOUT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
