package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.method;
import static dev.liaison.connectors.testkit.Bitrix24Fake.error;
import static dev.liaison.connectors.testkit.Bitrix24Fake.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriterTest {

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private final Bitrix24Writer writer = connector.writer();
    private WireMockServer portal;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        portal = Bitrix24Fixtures.portal();
        connection = Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void updatesAContactField() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.update"))).willReturn(ok("true")));

        writer.updateFields(connection, "C_89", Map.of("UF_CRM_LOYALTY_TIER", "gold"));

        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.contact.update")))
                .withRequestBody(equalToJson("{\"id\":89,\"fields\":{\"UF_CRM_LOYALTY_TIER\":\"gold\"}}")));
    }

    @Test
    void updatesADealField() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("crm.deal.update"))).willReturn(ok("true")));

        writer.updateFields(connection, "D_410", Map.of("STAGE_ID", "C1:WON"));

        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.deal.update")))
                .withRequestBody(equalToJson("{\"id\":410,\"fields\":{\"STAGE_ID\":\"C1:WON\"}}")));
    }

    @Test
    void anUpdateOfAMissingRecordIsAPermanentFailure() {
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.update")))
                .willReturn(error(400, Bitrix24Fake.NOT_FOUND)));

        assertThatThrownBy(() -> writer.updateFields(connection, "C_404", Map.of("NAME", "x")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void asARecordWriterAContactIsNamedByItsExternalIdAndADealByItsBareIdToo() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.update"))).willReturn(ok("true")));
        portal.stubFor(post(urlPathEqualTo(method("crm.deal.update"))).willReturn(ok("true")));

        connector.updateFields(connection, RecordWriter.Entity.CONTACT, "C_89", Map.of("UF_CRM_LOYALTY_TIER", "gold"));
        connector.updateFields(connection, RecordWriter.Entity.DEAL, "410", Map.of("UF_CRM_LOYALTY_TIER", "gold"));

        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.contact.update")))
                .withRequestBody(equalToJson("{\"id\":89,\"fields\":{\"UF_CRM_LOYALTY_TIER\":\"gold\"}}")));
        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.deal.update")))
                .withRequestBody(equalToJson("{\"id\":410,\"fields\":{\"UF_CRM_LOYALTY_TIER\":\"gold\"}}")));
    }

    /** Leads are reported as contacts (contact.upserted), so a person's record can be a lead. */
    @Test
    void asARecordWriterAContactCanBeALead() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("crm.lead.update"))).willReturn(ok("true")));

        connector.updateFields(connection, RecordWriter.Entity.CONTACT, "L_4", Map.of("UF_CRM_LOYALTY_TIER", "gold"));

        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.lead.update")))
                .withRequestBody(equalToJson("{\"id\":4,\"fields\":{\"UF_CRM_LOYALTY_TIER\":\"gold\"}}")));
    }

    @Test
    void asARecordWriterAnIdOfAnotherEntityIsAPermanentFailureAndNothingIsSent() {
        for (String id : List.of("D_410", "CO_9", "89x", "")) {
            assertThatThrownBy(() -> connector.updateFields(connection, RecordWriter.Entity.CONTACT, id,
                    Map.of("NAME", "x"))).isInstanceOfSatisfying(RemoteSystemException.class,
                            e -> assertThat(e.retryable()).as(id).isFalse());
        }
        assertThatThrownBy(() -> connector.updateFields(connection, RecordWriter.Entity.DEAL, "C_89",
                Map.of("STAGE_ID", "WON"))).isInstanceOf(RemoteSystemException.class);
        portal.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void asARecordWriterARateLimitIsRetryable() {
        portal.stubFor(post(urlPathEqualTo(method("crm.deal.update"))).willReturn(error(503,
                "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}")));

        assertThatThrownBy(() -> connector.updateFields(connection, RecordWriter.Entity.DEAL, "D_410",
                Map.of("UF_CRM_LOYALTY_TIER", "gold"))).isInstanceOfSatisfying(RemoteSystemException.class,
                        e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void addsATimelineCommentToADeal() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("crm.timeline.comment.add"))).willReturn(ok("999")));

        long id = writer.addTimelineComment(connection, "D_410", "Routed to the VIP desk by Liaison");

        assertThat(id).isEqualTo(999);
        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.timeline.comment.add")))
                .withRequestBody(equalToJson("{\"fields\":{\"ENTITY_ID\":410,\"ENTITY_TYPE\":\"deal\","
                        + "\"COMMENT\":\"Routed to the VIP desk by Liaison\"}}")));
    }

    @Test
    void addsATimelineCommentToALead() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("crm.timeline.comment.add"))).willReturn(ok("1000")));

        writer.addTimelineComment(connection, "L_7", "Consent withdrawn");

        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.timeline.comment.add")))
                .withRequestBody(equalToJson("{\"fields\":{\"ENTITY_ID\":7,\"ENTITY_TYPE\":\"lead\","
                        + "\"COMMENT\":\"Consent withdrawn\"}}")));
    }

    @Test
    void addsATaskBoundToTheContactAndTheDeal() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("tasks.task.add")))
                .willReturn(ok("{\"task\":{\"id\":\"3711\",\"parentId\":null,\"title\":\"Call back\",\"status\":\"2\"}}")));

        String id = writer.addTask(connection, new Bitrix24Writer.NewTask("Call back", "Asked for a callback", 5,
                OffsetDateTime.parse("2025-12-31T23:59:59+03:00"), List.of("C_89", "D_410")));

        assertThat(id).isEqualTo("3711");
        portal.verify(postRequestedFor(urlPathEqualTo(method("tasks.task.add")))
                .withRequestBody(equalToJson("{\"fields\":{\"TITLE\":\"Call back\",\"RESPONSIBLE_ID\":5,"
                        + "\"DESCRIPTION\":\"Asked for a callback\",\"DEADLINE\":\"2025-12-31T23:59:59+03:00\","
                        + "\"UF_CRM_TASK\":[\"C_89\",\"D_410\"]}}")));
    }

    @Test
    void aTaskRefusedByBitrix24IsAPermanentFailure() {
        portal.stubFor(post(urlPathEqualTo(method("tasks.task.add"))).willReturn(error(400,
                "{\"error\":\"ERROR_CORE\",\"error_description\":\"Task title not specified\\u003Cbr\\u003E\"}")));

        assertThatThrownBy(() -> writer.addTask(connection, new Bitrix24Writer.NewTask("x", null, 5, null, null)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("HTTP 400 from tasks.task.add: ERROR_CORE");
                });
    }

    @Test
    void somethingThatIsNotACrmRecordIdIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> writer.updateFields(connection, "89", Map.of("NAME", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.addTimelineComment(connection, "X_1", "text"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bitrix24Writer.NewTask("t", null, 5, null, List.of("C_0")))
                .isInstanceOf(IllegalArgumentException.class);
        portal.verify(0, anyRequestedFor(anyUrl()));
    }
}
