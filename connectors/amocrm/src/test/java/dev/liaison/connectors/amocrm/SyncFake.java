package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

/** An amoCRM account holding two pages of contacts and one page of leads, listed as GET /api/v4/{entity} does. */
final class SyncFake {

    static final String CONTACTS_PAGE_1 = AmoFixtures.page("contacts", 1, true,
            AmoFixtures.contact(1001, 1700000100, "+7 903 145-34-55", "anna@example.com"),
            AmoFixtures.contact(1002, 1700000200, null, "boris@example.com"));
    static final String CONTACTS_PAGE_2 = AmoFixtures.page("contacts", 2, false,
            AmoFixtures.contact(1003, 1700000300, "89161234567", null));
    static final String LEADS_PAGE_1 = AmoFixtures.page("leads", 1, false,
            AmoFixtures.lead(5001, 142, 1700000400, 1001),
            AmoFixtures.lead(5002, 143, 1700000500, 1002));

    private SyncFake() {
    }

    static void stub(WireMockServer amocrm) {
        amocrm.stubFor(list("contacts", 1).willReturn(AmoFixtures.hal(CONTACTS_PAGE_1)));
        amocrm.stubFor(list("contacts", 2).willReturn(AmoFixtures.hal(CONTACTS_PAGE_2)));
        amocrm.stubFor(list("leads", 1).withQueryParam("with", equalTo("contacts"))
                .willReturn(AmoFixtures.hal(LEADS_PAGE_1)));
    }

    /** A full (unfiltered) list request for one page, with the query every sync request carries. */
    static MappingBuilder list(String entity, int page) {
        return get(urlPathEqualTo("/api/v4/" + entity))
                .withQueryParam("limit", equalTo("250"))
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("order[updated_at]", equalTo("asc"))
                .withQueryParam("filter[updated_at][from]", absent())
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN));
    }
}
