package dev.liaison.connectors.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class Bitrix24FakePortalTest {

    private final Bitrix24Fake.Portal portal = new Bitrix24Fake.Portal("/rest/1/test0webhook0code/", 120);

    @Test
    void aBigExportPageFollowsTheLastIdAndCountsNothing() {
        Bitrix24Fake.Portal.ListPage page = portal.page(Bitrix24Fake.Portal.ListQuery.of(Json.createObjectBuilder()
                .add("filter", Json.createObjectBuilder().add(">ID", 100)).add("start", -1).build()));

        assertThat(page.rows()).hasSize(50).first().asString().startsWith("{\"ID\":\"102\"");
        assertThat(page.total()).isZero();
        assertThat(page.next()).isEqualTo(-1);
        assertThat(page.envelope()).contains("\"total\":0").doesNotContain("\"next\"");
    }

    @Test
    void anOffsetPageCarriesTotalAndNextWhileMoreRecordsExist() {
        Bitrix24Fake.Portal.ListPage middle = portal.page(new Bitrix24Fake.Portal.ListQuery(0, 50));
        Bitrix24Fake.Portal.ListPage last = portal.page(new Bitrix24Fake.Portal.ListQuery(0, 100));

        assertThat(middle.total()).isEqualTo(120);
        assertThat(middle.next()).isEqualTo(100);
        assertThat(last.rows()).hasSize(20);
        assertThat(last.next()).isEqualTo(-1);
        assertThat(portal.page(new Bitrix24Fake.Portal.ListQuery(240, -1)).rows()).isEmpty();
    }

    @Test
    void aBatchCommandIsReadAsPhpWritesIt() {
        Bitrix24Fake.Portal.ListQuery query = Bitrix24Fake.Portal.ListQuery.ofQuery(
                "order%5BID%5D=ASC&filter%5B%3EID%5D=4600&select%5B0%5D=%2A&start=150");

        assertThat(query).isEqualTo(new Bitrix24Fake.Portal.ListQuery(4600, 150));
    }

    @Test
    void theExpectedIdsAreTheEvenIdsWithTheContactTypeCode() {
        assertThat(portal.expectedIds()).hasSize(120).contains("C_2", "C_240").doesNotContain("C_1", "C_242");
    }
}
