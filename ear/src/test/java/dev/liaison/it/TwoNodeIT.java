package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers on one PostgreSQL database behind HAProxy, as a deployment on several machines runs them:
 * webhooks go through the balancer to both nodes, one node is killed with SIGKILL while events are being processed
 * and scenario waits are pending, and is started again. Every accepted event must then be processed exactly once
 * (one inbox entry, one journal row each), every scenario run must have woken from its wait (a database timer both
 * nodes poll) exactly once and sent its one e-mail, and no person may get a second one.
 *
 * <p>Needs PostgreSQL: H2 is a file inside one server process and cannot be shared, so on H2 the test is skipped
 * (it runs in the {@code -Ppostgres} pass of .ci/run). It uses a database of its own, created next to the one the
 * other ITs share, so that the Arquillian server, which stays up on that one, is not a third node here.
 */
class TwoNodeIT {

    private static final int NODE_A_OFFSET = LiaisonServer.DEFAULT_PORT_OFFSET;
    /** HTTP 8480, management 10390: clear of LiaisonServer's default, the benchmark's +200 and Arquillian's +500. */
    private static final int NODE_B_OFFSET = 400;
    private static final int SMTP_PORT = 3125;
    private static final int PEOPLE = 150;
    private static final int SENDERS = 4;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "two-node-signing-secret";
    private static final String DATABASE_CHECK = "liaison-database";
    private static final String WORKERS_CHECK = "liaison-workers";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");
    private static final String[] SERVER_OPTIONS = {
        "-Dliaison.mail.port=" + SMTP_PORT,
        "-Dliaison.messaging.quiet-hours.start=00:00", "-Dliaison.messaging.quiet-hours.end=00:00",
        "-Dliaison.messaging.send-lease=PT10S",
        "-Dliaison.scenarios.worker.poll-interval=PT0.5S",
        "-Dliaison.inbox.retry.base=PT0.2S", "-Dliaison.inbox.retry.max=PT1S",
        "-Dliaison.outbox.retry.base=PT0.5S", "-Dliaison.outbox.retry.max=PT2S"};

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @TempDir
    Path dir;

    private String jdbcUrl;
    private LiaisonServer nodeA;
    private LiaisonServer nodeB;
    private HaproxyBalancer balancer;

    @BeforeEach
    void prepare() throws SQLException {
        String shared = System.getProperty("liaison.test.jdbc-url", "");
        Assumptions.assumeFalse(shared.isBlank(), "two nodes need a database both processes reach: H2 lives inside "
                + "one server, so this test runs only on PostgreSQL (-Ppostgres, as in the second pass of .ci/run)");
        Path haproxy = HaproxyBalancer.executable().orElseThrow(() -> new AssertionError(
                "haproxy is not installed: apt-get install haproxy (.ci/run does it when missing)"));
        Matcher url = JDBC_URL.matcher(shared);
        assertThat(url.matches()).as("a PostgreSQL JDBC URL: " + url).isTrue();
        String database = url.group(2) + "_nodes";
        try (Connection admin = DriverManager.getConnection(shared); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        jdbcUrl = url.group(1) + database + url.group(3);
        Map<String, String> environment = Map.of("POSTGRESQL_DATABASE", database);
        Path home = Path.of(System.getProperty("liaison.server.home"));
        nodeA = new LiaisonServer(home, dir.resolve("node-a"), NODE_A_OFFSET, environment);
        nodeB = new LiaisonServer(home, dir.resolve("node-b"), NODE_B_OFFSET, environment);
        // One after the other: the first migrates the empty database, the second finds it current.
        nodeA.start(true, SERVER_OPTIONS);
        nodeB.start(true, SERVER_OPTIONS);
        balancer = HaproxyBalancer.start(haproxy, dir.resolve("haproxy"), List.of(nodeA, nodeB));
    }

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.close();
        }
        if (nodeA != null) {
            nodeA.kill();
            nodeB.kill();
        }
    }

    @Test
    void everyAcceptedEventIsProcessedOnceAndEveryWaitFiresOnceThoughANodeIsKilled() throws Exception {
        LiaisonClient client = new LiaisonClient(balancer.uri());
        String connection = client.createWebhookConnection(SECRET);
        String mailConnection = "nodes-mail-" + UUID.randomUUID();
        client.createEmailConnection(mailConnection);
        client.saveWaitThenThankScenario(mailConnection, WAIT);

        List<String> contacts = new ArrayList<>();
        List<String> consents = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String contactId = UUID.randomUUID().toString();
            contacts.add(LiaisonClient.contactEvent("contact-" + contactId, contactId));
            consents.add(consentEvent("consent-" + contactId, contactId));
        }
        deliverAll(client, connection, contacts, () -> { });
        await().atMost(Duration.ofSeconds(120)).until(() -> count("select count(*) from inbox_entry where status "
                + "= 'DONE'") == PEOPLE);

        // Each consent starts a run that waits; the kill lands while consents are still arriving and being processed.
        AtomicInteger killed = new AtomicInteger();
        deliverAll(client, connection, consents, () -> {
            if (killed.compareAndSet(0, 1)) {
                nodeB.kill();
            }
        });
        // Back (about 20 s on two cores) before most waits end, so that both nodes poll the due timers.
        nodeB.start(true, SERVER_OPTIONS);

        await().atMost(Duration.ofSeconds(120)).until(() -> count("select count(*) from inbox_entry where status "
                + "= 'DONE'") == 2 * PEOPLE);
        await().atMost(WAIT.plusSeconds(120)).until(() -> count("select count(*) from scenario_run where status "
                + "= 'COMPLETED'") == PEOPLE);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from message_log where status "
                + "in ('SENT', 'UNKNOWN', 'FAILED')") == PEOPLE);

        assertThat(count("select count(*) from inbox_entry")).as("inbox entries").isEqualTo(2 * PEOPLE);
        assertThat(count("select count(*) from event_journal")).as("journal rows").isEqualTo(2 * PEOPLE);
        assertThat(count("select count(distinct external_id) from event_journal")).isEqualTo(2 * PEOPLE);
        assertThat(count("select count(*) from profile")).as("profiles").isEqualTo(PEOPLE);
        assertThat(count("select count(*) from profile_identity where kind = 'EMAIL'")).isEqualTo(PEOPLE);
        assertThat(count("select count(*) from scenario_run")).as("one run per consent").isEqualTo(PEOPLE);
        assertThat(count("select count(*) from scenario_trace where step_kind = 'wait' and outcome = 'DONE'"))
                .as("waits woken").isEqualTo(PEOPLE);
        assertThat(count("select count(*) from outbox_action")).as("outbox rows").isEqualTo(PEOPLE);
        assertThat(count("select count(*) from message_log")).as("message log rows").isEqualTo(PEOPLE);
        // A send in flight when its node died is logged UNKNOWN, never sent again (at most once per message);
        // only the outbox workers of the killed node can have had one in flight.
        long unknown = count("select count(*) from message_log where status = 'UNKNOWN'");
        assertThat(unknown).isLessThanOrEqualTo(2);
        assertThat(count("select count(*) from message_log where status = 'SENT'")).isEqualTo(PEOPLE - unknown);

        assertThat(health(nodeB, "ready")).containsEntry(DATABASE_CHECK, "UP");
        assertThat(health(nodeB, "live")).containsEntry(WORKERS_CHECK, "UP");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> SMTP.getReceivedMessages().length >= PEOPLE - unknown);
        List<String> recipients = recipients(SMTP.getReceivedMessages());
        assertThat(recipients).as("no person got a second e-mail").doesNotHaveDuplicates();
        assertThat(recipients).hasSizeBetween((int) (PEOPLE - unknown), PEOPLE);
    }

    /**
     * Delivers every event through the balancer from several threads, each until it is accepted (202, new or
     * duplicate), as a CRM retries a webhook that failed; runs {@code atHalf} once half of them were accepted.
     */
    private static void deliverAll(LiaisonClient client, String connection, List<String> events, Runnable atHalf)
            throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String event : events) {
                sent.add(senders.submit(() -> {
                    deliverUntilAccepted(client, connection, event);
                    if (accepted.incrementAndGet() == events.size() / 2) {
                        atHalf.run();
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static void deliverUntilAccepted(LiaisonClient client, String connection, String event) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.deliver(connection, SECRET, event).status() == 202);
    }

    /** The named checks of a node's MicroProfile Health endpoint on its management port, with their status. */
    private static Map<String, String> health(LiaisonServer node, String kind) {
        LiaisonClient management = new LiaisonClient(URI.create("http://127.0.0.1:" + node.managementPort() + "/"))
                .withAuthorization(null);
        return management.get("health/" + kind).json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check.getString("status")));
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<String> recipients(Message[] messages) {
        return Arrays.stream(messages).map(message -> {
            try {
                return message.getAllRecipients()[0].toString();
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static String consentEvent(String eventId, String contactId) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"consent.changed\",\"occurredAt\":\"2026-11-23T09:05:00Z\","
                + "\"data\":{\"id\":\"" + eventId + "\",\"contactId\":\"" + contactId + "\",\"purpose\":"
                + "\"marketing_email\",\"channel\":\"email\",\"granted\":true,\"evidence\":\"web form\"}}";
    }
}
