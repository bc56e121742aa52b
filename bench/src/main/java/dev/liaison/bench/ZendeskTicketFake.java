package dev.liaison.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zendesk Support API that knows every ticket, on a dynamic loopback port in the benchmark's own JVM: {@code GET
 * /api/v2/tickets/{id}.json} answers the ticket, {@code PUT} the same path answers the ticket with the update
 * applied (facts/external-apis.md 3.2), and every PUT's arrival is recorded by ticket id. It enforces no rate
 * limit and sends no quota headers: the routing benchmark measures Liaison's pipeline, not an account's plan.
 */
final class ZendeskTicketFake implements AutoCloseable {

    static final String EMAIL = "agent@example.com";
    static final String API_TOKEN = "zd-bench-token";
    /** What Liaison must send: Basic {email}/token:{apiToken} (facts 3.1). */
    static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));

    private static final String TICKET_PATH = "/api/v2/tickets/[1-9][0-9]{0,17}\\.json";
    private static final Pattern TICKET_ID = Pattern.compile("^/api/v2/tickets/([1-9][0-9]{0,17})\\.json(\\?.*)?$");
    /** The fields of a PUT that change the ticket; the comment becomes an audit event, not a field. */
    private static final List<String> UPDATABLE = List.of("group_id", "assignee_id", "priority", "tags");

    private final WireMockServer server;
    private final Map<Long, List<PutArrival>> puts = new ConcurrentHashMap<>();

    private ZendeskTicketFake() {
        // The request journal is off: arrivals are recorded by the listener, and a journal of every request would
        // only grow the heap during a long run.
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().notifier(new ConsoleNotifier(false))
                .extensions(new TicketAnswers(), new PutRecorder()));
    }

    static ZendeskTicketFake start() {
        ZendeskTicketFake fake = new ZendeskTicketFake();
        fake.server.start();
        fake.server.stubFor(get(urlPathMatching(TICKET_PATH)).willReturn(json().withTransformers(TicketAnswers.NAME)));
        fake.server.stubFor(put(urlPathMatching(TICKET_PATH)).willReturn(json().withTransformers(TicketAnswers.NAME)));
        return fake;
    }

    /** By address rather than WireMock's "localhost", which could resolve to an IPv6 address the fake is not on. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The PUTs received so far for each of these tickets; a ticket without any is absent. */
    Map<Long, List<PutArrival>> puts(Collection<Long> ticketIds) {
        Map<Long, List<PutArrival>> found = new HashMap<>();
        for (Long id : ticketIds) {
            List<PutArrival> arrivals = puts.get(id);
            if (arrivals != null) {
                found.put(id, List.copyOf(arrivals));
            }
        }
        return found;
    }

    /** How many of these tickets have had at least one PUT. */
    long ticketsPut(Collection<Long> ticketIds) {
        return ticketIds.stream().filter(puts::containsKey).count();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static ResponseDefinitionBuilder json() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8");
    }

    /** The ticket id in a request URL (path and query). */
    static long ticketId(String url) {
        Matcher id = TICKET_ID.matcher(url);
        if (!id.matches()) {
            throw new IllegalArgumentException("not a ticket URL: " + url);
        }
        return Long.parseLong(id.group(1));
    }

    /** The ticket as Zendesk holds it before routing: open, in no group, with the tags it was created with. */
    static JsonObject ticket(long id) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("type", "question")
                .add("subject", "Where is my order?")
                .add("status", "open")
                .add("priority", JsonValue.NULL)
                .add("requester_id", new RoutedTicket(id, false).requesterId())
                .add("assignee_id", JsonValue.NULL)
                .add("group_id", JsonValue.NULL)
                .add("tags", Json.createArrayBuilder(RoutedTicket.OWN_TAGS))
                .add("via", Json.createObjectBuilder().add("channel", "web"))
                .add("created_at", RoutedTicket.UPDATED_AT)
                .add("updated_at", RoutedTicket.UPDATED_AT)
                .build();
    }

    /**
     * Zendesk's answer to a PUT: the ticket with the update's fields applied and a new {@code updated_at}; empty
     * when the body is not a ticket update, which Zendesk answers with 400.
     */
    static String updated(long id, String putBody, Instant now) {
        JsonObject update;
        try {
            update = Json.createReader(new StringReader(putBody)).readObject().getJsonObject("ticket");
        } catch (JsonException | ClassCastException e) {
            return "";
        }
        if (update == null) {
            return "";
        }
        JsonObjectBuilder ticket = Json.createObjectBuilder(ticket(id));
        for (String field : UPDATABLE) {
            if (update.containsKey(field)) {
                ticket.add(field, update.get(field));
            }
        }
        ticket.add("updated_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
        return Json.createObjectBuilder().add("ticket", ticket).build().toString();
    }

    /** Builds each answer from the ticket id in the path, so that the fake needs no stub per ticket. */
    private static final class TicketAnswers implements ResponseDefinitionTransformerV2 {

        static final String NAME = "zendesk-ticket";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            long id = ticketId(event.getRequest().getUrl());
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but();
            if (!"PUT".equals(event.getRequest().getMethod().getName())) {
                return answer.withBody(Json.createObjectBuilder().add("ticket", ticket(id)).build().toString())
                        .build();
            }
            String updated = updated(id, event.getRequest().getBodyAsString(), Instant.now());
            return updated.isEmpty()
                    ? answer.withStatus(400).withBody("{\"error\":\"RecordInvalid\"}").build()
                    : answer.withBody(updated).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /** Records a PUT as soon as it has arrived, before matching and answering take their time. */
    private final class PutRecorder implements ServeEventListener {

        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            long at = System.nanoTime();
            if (!"PUT".equals(event.getRequest().getMethod().getName())) {
                return;
            }
            long id;
            try {
                id = ticketId(event.getRequest().getUrl());
            } catch (IllegalArgumentException notATicket) {
                return;
            }
            puts.computeIfAbsent(id, ticket -> new CopyOnWriteArrayList<>()).add(new PutArrival(at,
                    event.getRequest().getHeader("Authorization"), event.getRequest().getBodyAsString()));
        }

        @Override
        public String getName() {
            return "zendesk-put-recorder";
        }
    }
}
