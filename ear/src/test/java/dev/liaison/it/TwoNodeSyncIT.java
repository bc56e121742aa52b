package dev.liaison.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers on one PostgreSQL database both run sync workers (one each) against slow Bitrix24 portals
 * (every call takes {@link #CALL_DELAY}, three pages per import: contacts, leads, deals). The portals count the calls
 * in flight at once: no portal may ever see two (no connection is pulled by both nodes at the same time), while all
 * of them together must (the nodes do pull different connections in parallel). Mid-import the node holding a run is
 * killed with SIGKILL; the other takes the run over once its lease ({@code liaison.sync.lease}, short here) runs out,
 * and every import completes in its first run with each record journaled exactly once.
 *
 * <p>Needs PostgreSQL, like {@link TwoNodeIT} (skipped on H2, runs under {@code -Ppostgres}), in a database of its own.
 */
class TwoNodeSyncIT {

    private static final int NODE_A_OFFSET = LiaisonServer.DEFAULT_PORT_OFFSET;
    /** As in TwoNodeIT: HTTP 8480, management 10390. */
    private static final int NODE_B_OFFSET = 400;
    private static final int PORTALS = 4;
    private static final int CONTACTS = 20;
    private static final int PAGES_PER_IMPORT = 3;
    private static final Duration CALL_DELAY = Duration.ofMillis(2500);
    /** Longer than a page's pull (one call), short enough that the takeover comes soon after the kill. */
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

    @TempDir
    Path dir;

    private final WatchedPortals portals = new WatchedPortals(CALL_DELAY);
    private final WireMockServer wireMock = new WireMockServer(wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1").containerThreads(20).extensions(portals));
    private String jdbcUrl;
    private LiaisonServer nodeA;
    private LiaisonServer nodeB;

    @BeforeEach
    void prepare() throws SQLException {
        String shared = System.getProperty("liaison.test.jdbc-url", "");
        Assumptions.assumeFalse(shared.isBlank(), "two nodes need a database both processes reach: H2 lives inside "
                + "one server, so this test runs only on PostgreSQL (-Ppostgres)");
        Matcher url = JDBC_URL.matcher(shared);
        assertThat(url.matches()).as("a PostgreSQL JDBC URL: " + url).isTrue();
        String database = url.group(2) + "_sync_nodes";
        try (Connection admin = DriverManager.getConnection(shared); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        jdbcUrl = url.group(1) + database + url.group(3);
        Map<String, String> environment = Map.of("POSTGRESQL_DATABASE", database);
        Path home = Path.of(System.getProperty("liaison.server.home"));
        nodeA = new LiaisonServer(home, dir.resolve("node-a"), NODE_A_OFFSET, environment);
        nodeB = new LiaisonServer(home, dir.resolve("node-b"), NODE_B_OFFSET, environment);
        wireMock.start();
        // The transformer answers every call; a stub must match first for WireMock to apply it.
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void stop() {
        if (nodeA != null) {
            nodeA.kill();
            nodeB.kill();
        }
        wireMock.stop();
    }

    @Test
    void noConnectionIsPulledByTwoNodesAtOnceAndAKilledNodesRunIsTakenOverWithoutDuplicates() throws Exception {
        // One after the other: the first migrates the empty database, the second finds it current.
        LiaisonClient clientA = nodeA.start(true, options("node-a"));
        nodeB.start(true, options("node-b"));

        List<String> ids = new ArrayList<>();
        Map<String, String> webhookPaths = new HashMap<>();
        for (int i = 0; i < PORTALS; i++) {
            String webhookPath = "/rest/1/n0des" + i + "p0rt4l/";
            portals.add(webhookPath, CONTACTS);
            LiaisonClient.Reply created = clientA.postJson("api/admin/connections", "{\"kind\":\"bitrix24\","
                    + "\"name\":\"" + LiaisonClient.uniqueName("nodes portal " + i) + "\",\"settings\":{"
                    + "\"portalUrl\":\"https://nodes" + i + ".bitrix24.ru\",\"incomingWebhookUrl\":\""
                    + wireMock.baseUrl() + webhookPath + "\",\"applicationToken\":\"nodes0application0token" + i
                    + "\",\"syncInterval\":\"PT1H\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().getString("id"));
            webhookPaths.put(ids.get(i), webhookPath);
        }

        // Node A holds a run that has committed a page and is pulling the next: kill it there.
        String victim = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> runningOn("node-a"), Optional::isPresent).orElseThrow();
        nodeA.kill();

        await().atMost(Duration.ofSeconds(180)).until(() -> count("select count(*) from connection_sync "
                + "where phase = 'IDLE' and finished_at is not null") == PORTALS);

        for (String id : ids) {
            assertThat(portals.mostInFlight(webhookPaths.get(id))).as("calls in flight at once to the portal of "
                    + id).isEqualTo(1);
            assertThat(count("select run_number from connection_sync where connection_id = '" + id + "'"))
                    .as("the import of " + id + " completed in its first run").isEqualTo(1);
            assertThat(count("select pages from connection_sync where connection_id = '" + id + "'"))
                    .as("each page of " + id + " committed once").isEqualTo(PAGES_PER_IMPORT);
            assertThat(count("select count(*) from event_journal where connection_id = '" + id + "'"))
                    .as("journal rows of " + id).isEqualTo(CONTACTS);
            assertThat(count("select count(distinct external_id) from event_journal where connection_id = '" + id
                    + "'")).isEqualTo(CONTACTS);
            assertThat(count("select count(*) from inbox_entry where connection_id = '" + id + "'"))
                    .as("one inbox entry per committed page").isEqualTo(PAGES_PER_IMPORT);
        }
        assertThat(portals.mostInFlightOverall()).as("the two nodes pulled different connections in parallel")
                .isGreaterThanOrEqualTo(2);
        String logA = log("node-a");
        String logB = log("node-b");
        assertThat(ids).as("imports node A started").anyMatch(id -> logA.contains("Sync of connection " + id
                + " started"));
        assertThat(ids).as("imports node B started").anyMatch(id -> logB.contains("Sync of connection " + id
                + " started"));
        assertThat(logB).as("node B took over the killed node's run")
                .contains("Sync of connection " + victim + " resumed at page ");
    }

    private static String[] options(String nodeName) {
        return new String[] {"-Djboss.node.name=" + nodeName, "-Dliaison.sync.workers=1",
            "-Dliaison.sync.poll-interval=PT0.5S", "-Dliaison.sync.lease=" + LEASE};
    }

    /** A connection whose run {@code node} holds, past its first page and not at its last. */
    private Optional<String> runningOn(String node) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select connection_id from connection_sync where phase = "
                     + "'RUNNING' and lease_owner like '" + node + ":%' and pages between 1 and "
                     + (PAGES_PER_IMPORT - 1))) {
            return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
        }
    }

    private String log(String node) throws IOException {
        return Files.readString(dir.resolve(node).resolve("server.log"));
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
