package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A portal holding 51 contacts (IDs 2, 4, ... 102, so that paging must follow the last ID, not count), 3 leads and 2
 * deals, answering the big-export pattern of b24restdocs settings/performance/huge-data.md: {@code start: -1}
 * gives {@code "total":0} and no {@code next}, pages hold at most 50 rows.
 */
final class PortalFake {

    static final int CONTACTS = 51;
    static final long LAST_CONTACT_ID = 2L * CONTACTS;
    static final String PERSON_SELECT = "[\"*\",\"UF_*\",\"PHONE\",\"EMAIL\"]";
    static final String DEAL_SELECT = "[\"*\",\"UF_*\"]";

    private PortalFake() {
    }

    static void stub(WireMockServer portal) {
        List<String> contacts = new ArrayList<>();
        for (int n = 1; n <= CONTACTS; n++) {
            contacts.add(contact(2L * n));
        }
        stubPage(portal, "crm.contact.list", 0, PERSON_SELECT, contacts.subList(0, 50));
        stubPage(portal, "crm.contact.list", 100, PERSON_SELECT, contacts.subList(50, CONTACTS));
        stubPage(portal, "crm.contact.list", LAST_CONTACT_ID, PERSON_SELECT, List.of());
        stubPage(portal, "crm.lead.list", 0, PERSON_SELECT, List.of(lead(7), lead(8), lead(12)));
        stubPage(portal, "crm.lead.list", 12, PERSON_SELECT, List.of());
        stubPage(portal, "crm.deal.list", 0, DEAL_SELECT, List.of(
                deal(410, "C1:WON", "S", "1", "2"), deal(411, "NEW", "P", "0", "0")));
        stubPage(portal, "crm.deal.list", 411, DEAL_SELECT, List.of());
    }

    static String contact(long id) {
        return "{\"ID\":\"" + id + "\",\"NAME\":\"Name" + id + "\",\"LAST_NAME\":\"Family" + id + "\","
                + "\"DATE_CREATE\":\"2024-08-01T10:00:00+03:00\","
                + "\"DATE_MODIFY\":\"2024-08-02T10:00:" + String.format("%02d", id % 60) + "+03:00\","
                + "\"PHONE\":[{\"ID\":\"" + (1000 + id) + "\",\"VALUE_TYPE\":\"MOBILE\","
                + "\"VALUE\":\"+7999000" + String.format("%04d", id) + "\",\"TYPE_ID\":\"PHONE\"}],"
                + "\"EMAIL\":[{\"ID\":\"" + (2000 + id) + "\",\"VALUE_TYPE\":\"WORK\","
                + "\"VALUE\":\"person" + id + "@example.com\",\"TYPE_ID\":\"EMAIL\"}]}";
    }

    static String lead(long id) {
        return "{\"ID\":\"" + id + "\",\"TITLE\":\"Website form\",\"NAME\":\"Lead" + id + "\",\"LAST_NAME\":null,"
                + "\"COMPANY_TITLE\":\"Acme " + id + "\",\"STATUS_ID\":\"NEW\",\"DATE_CREATE\":\"2024-08-03T10:00:00+03:00\","
                + "\"DATE_MODIFY\":\"2024-08-03T11:00:00+03:00\","
                + "\"EMAIL\":[{\"ID\":\"" + (3000 + id) + "\",\"VALUE_TYPE\":\"HOME\",\"VALUE\":\"lead" + id + "@example.com\",\"TYPE_ID\":\"EMAIL\"}]}";
    }

    static String deal(long id, String stage, String semantic, String category, String contactId) {
        return "{\"ID\":\"" + id + "\",\"TITLE\":\"Deal " + id + "\",\"STAGE_ID\":\"" + stage + "\",\"CATEGORY_ID\":\""
                + category + "\",\"STAGE_SEMANTIC_ID\":\"" + semantic + "\",\"CONTACT_ID\":\"" + contactId + "\","
                + "\"OPPORTUNITY\":\"1500.00\",\"CURRENCY_ID\":\"RUB\",\"DATE_MODIFY\":\"2024-08-05T12:00:00+03:00\","
                + "\"MOVED_TIME\":\"2024-08-05T11:30:00+03:00\"}";
    }

    /** The exact request body the sync must send for a page after {@code afterId}. */
    static String pageRequest(long afterId, String select) {
        return "{\"order\":{\"ID\":\"ASC\"},\"filter\":{\">ID\":" + afterId + "},\"select\":" + select + ",\"start\":-1}";
    }

    private static void stubPage(WireMockServer portal, String method, long afterId, String select, List<String> rows) {
        portal.stubFor(post(urlPathEqualTo(Bitrix24Fixtures.method(method)))
                .withRequestBody(equalToJson(pageRequest(afterId, select)))
                .willReturn(Bitrix24Fixtures.bigExportPage(rows)));
    }
}
