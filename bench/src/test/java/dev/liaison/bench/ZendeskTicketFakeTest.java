package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake on a real loopback port: it answers as Zendesk's Tickets API does and times every PUT. */
class ZendeskTicketFakeTest {

    private final ZendeskTicketFake zendesk = ZendeskTicketFake.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void getAnswersTheTicketWithItsOwnTags() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ticketUri(4242)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonObject ticket = json(answer.body()).getJsonObject("ticket");
        assertThat(ticket.getJsonNumber("id").longValue()).isEqualTo(4242);
        assertThat(ticket.getJsonArray("tags").getString(0)).isEqualTo("web");
        assertThat(ticket.getString("updated_at")).isEqualTo(RoutedTicket.UPDATED_AT);
    }

    @Test
    void putAppliesTheUpdateAndIsRecordedWithItsArrivalTime() throws Exception {
        RoutedTicket routed = RoutedTicket.of(4242, 0);
        long before = System.nanoTime();

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ticketUri(routed.id()))
                .header("Authorization", ZendeskTicketFake.AUTHORIZATION)
                .PUT(HttpRequest.BodyPublishers.ofString(TicketPaths.update(routed))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject ticket = json(answer.body()).getJsonObject("ticket");
        assertThat(ticket.getJsonNumber("group_id").longValue()).isEqualTo(routed.expectedGroup());
        assertThat(ticket.getString("priority")).isEqualTo("urgent");
        assertThat(ticket.containsKey("comment")).isFalse();
        Map<Long, List<PutArrival>> puts = zendesk.puts(List.of(routed.id(), 1L));
        assertThat(puts).containsOnlyKeys(routed.id());
        PutArrival arrival = puts.get(routed.id()).get(0);
        assertThat(arrival.atNanos()).isBetween(before, System.nanoTime());
        assertThat(arrival.authorization()).isEqualTo(ZendeskTicketFake.AUTHORIZATION);
        assertThat(routed.isRoutedBy(json(arrival.body()))).isTrue();
        assertThat(zendesk.ticketsPut(List.of(routed.id(), 1L))).isEqualTo(1);
    }

    @Test
    void anUnreadableUpdateIsRefusedButStillRecorded() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ticketUri(7))
                .PUT(HttpRequest.BodyPublishers.ofString("not json")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(zendesk.ticketsPut(List.of(7L))).isEqualTo(1);
    }

    @Test
    void onlyTicketUrlsHaveATicketId() {
        assertThat(ZendeskTicketFake.ticketId("/api/v2/tickets/35436.json")).isEqualTo(35436);
        assertThat(ZendeskTicketFake.ticketId("/api/v2/tickets/35436.json?include=users")).isEqualTo(35436);
        assertThatThrownBy(() -> ZendeskTicketFake.ticketId("/api/v2/tickets/0.json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private URI ticketUri(long id) {
        return zendesk.baseUri().resolve("/api/v2/tickets/" + id + ".json");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
