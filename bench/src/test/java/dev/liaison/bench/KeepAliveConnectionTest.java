package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveConnectionTest {

    private HttpServer server;
    private URI base;
    private final Set<InetSocketAddress> clientAddresses = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            clientAddresses.add(exchange.getRemoteAddress());
            byte[] received = exchange.getRequestBody().readAllBytes();
            byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-Signature") + " " + received.length)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("[{\"id\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"p-1\"}]".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsHeadersAndBodyAndReadsAFixedLengthAnswer() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base)) {
            KeepAliveConnection.Answer answer = connection.exchange("POST", "/echo?a=1",
                    Map.of("X-Signature", "v1=abc"), "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).isEqualTo(202);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("POST /echo?a=1 v1=abc 8");
        }
    }

    @Test
    void readsAChunkedAnswer() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base)) {
            KeepAliveConnection.Answer answer = connection.exchange("GET", "/chunked", Map.of(), new byte[0]);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("[{\"id\":\"p-1\"}]");
        }
    }

    @Test
    void reusesOneConnectionForConsecutiveRequests() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base)) {
            for (int i = 0; i < 5; i++) {
                assertThat(connection.exchange("POST", "/echo", Map.of(), new byte[i]).status()).isEqualTo(202);
                assertThat(connection.exchange("GET", "/chunked", Map.of(), new byte[0]).status()).isEqualTo(200);
            }
        }
        assertThat(clientAddresses).hasSize(1);
    }
}
