package dev.liaison.connectors.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A Zendesk account holding two pages of users and two of tickets in the cursor-based incremental exports, shaped
 * as in external-apis.md §3.4: {@code {"users":[...],"after_url","after_cursor","before_url","before_cursor",
 * "end_of_stream"}}.
 */
final class ExportFake {

    static final String USERS_PAGE_1 = """
            {"users":[
              {"id":35436,"url":"https://acme.zendesk.com/api/v2/users/35436.json","name":"Anna Petrova",
               "email":"anna.petrova@example.com","phone":"+7 903 145-34-55","locale":"ru","locale_id":27,
               "time_zone":"Moscow","role":"end-user","active":true,"verified":true,"external_id":"crm-42",
               "organization_id":null,"tags":["vip"],
               "user_fields":{"newsletter":true,"plan":"gold","interests":["shoes","bags"],"birthday":null},
               "created_at":"2024-01-10T08:00:00Z","updated_at":"2024-04-01T09:30:00Z"},
              {"id":35437,"url":"https://acme.zendesk.com/api/v2/users/35437.json","name":"Jan van der Berg",
               "email":"jan@example.nl","phone":null,"locale":"nl-NL","role":"end-user","active":true,
               "external_id":null,"organization_id":9001,"tags":[],
               "created_at":"2024-02-01T10:00:00Z","updated_at":"2024-04-02T11:00:00Z"}],
             "after_url":"https://acme.zendesk.com/api/v2/incremental/users/cursor.json?cursor=dXNlcnMtMXx8MzU0Mzd8",
             "after_cursor":"dXNlcnMtMXx8MzU0Mzd8","before_url":null,"before_cursor":null,"end_of_stream":false}""";

    static final String USERS_PAGE_2 = """
            {"users":[
              {"id":35438,"name":"Former Customer","email":"gone@example.com","role":"end-user","active":false,
               "created_at":"2023-05-05T05:05:05Z","updated_at":"2024-04-03T12:00:00Z"}],
             "after_url":"https://acme.zendesk.com/api/v2/incremental/users/cursor.json?cursor=dXNlcnMtMnx8MzU0Mzh8",
             "after_cursor":"dXNlcnMtMnx8MzU0Mzh8","before_url":null,"before_cursor":"dXNlcnMtMXx8MzU0Mzd8",
             "end_of_stream":true}""";

    static final String TICKETS_PAGE_1 = """
            {"tickets":[
              {"id":101,"subject":"Where is my order?","status":"open","priority":"high","requester_id":35436,
               "submitter_id":35436,"assignee_id":null,"group_id":null,"tags":["order"],"via":{"channel":"web"},
               "created_at":"2024-03-01T10:00:00Z","updated_at":"2024-04-01T10:00:00Z"},
              {"id":102,"subject":"Invoice","status":"new","priority":null,"requester_id":35437,"tags":[],
               "via":{"channel":"email"},"created_at":"2024-03-02T10:00:00Z","updated_at":"2024-03-02T10:00:00Z"}],
             "after_url":"https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=MTU4MDc1Mzc5OC4wfHw0MzJ8",
             "after_cursor":"MTU4MDc1Mzc5OC4wfHw0MzJ8","before_url":null,"before_cursor":null,"end_of_stream":false}""";

    static final String TICKETS_PAGE_2 = """
            {"tickets":[
              {"id":103,"subject":"Spam","status":"deleted","priority":null,"requester_id":35438,"tags":[],
               "created_at":"2024-03-03T10:00:00Z","updated_at":"2024-03-04T10:00:00Z"},
              {"id":104,"subject":"Refund","status":"pending","priority":"urgent","requester_id":35436,
               "tags":["refund","vip"],"created_at":"2024-03-05T10:00:00Z","updated_at":"2024-03-05T11:00:00Z"}],
             "after_url":"https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=MTU4MDc1Mzg5OC4wfHw0MzN8",
             "after_cursor":"MTU4MDc1Mzg5OC4wfHw0MzN8","before_url":null,"before_cursor":"MTU4MDc1Mzc5OC4wfHw0MzJ8",
             "end_of_stream":true}""";

    private ExportFake() {
    }

    static void stub(WireMockServer zendesk) {
        page(zendesk, "users", "start_time", "0", USERS_PAGE_1);
        page(zendesk, "users", "cursor", "dXNlcnMtMXx8MzU0Mzd8", USERS_PAGE_2);
        page(zendesk, "tickets", "start_time", "0", TICKETS_PAGE_1);
        page(zendesk, "tickets", "cursor", "MTU4MDc1Mzc5OC4wfHw0MzJ8", TICKETS_PAGE_2);
    }

    static void page(WireMockServer zendesk, String resource, String parameter, String value, String body) {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/incremental/" + resource + "/cursor.json"))
                .withQueryParam(parameter, equalTo(value))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "650")
                        .withBody(body)));
    }
}
