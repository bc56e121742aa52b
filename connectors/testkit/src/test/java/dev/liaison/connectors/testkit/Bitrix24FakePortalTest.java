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
        Bitrix24Fake.Portal.ListPage middle = portal.page(new Bitrix24Fake.Portal.ListQuery(0, 50, null));
        Bitrix24Fake.Portal.ListPage last = portal.page(new Bitrix24Fake.Portal.ListQuery(0, 100, null));

        assertThat(middle.total()).isEqualTo(120);
        assertThat(middle.next()).isEqualTo(100);
        assertThat(last.rows()).hasSize(20);
        assertThat(last.next()).isEqualTo(-1);
        assertThat(portal.page(new Bitrix24Fake.Portal.ListQuery(240, -1, null)).rows()).isEmpty();
    }

    @Test
    void aBatchCommandIsReadAsPhpWritesIt() {
        Bitrix24Fake.Portal.ListQuery query = Bitrix24Fake.Portal.ListQuery.ofQuery(
                "order%5BID%5D=ASC&filter%5B%3EID%5D=4600&select%5B0%5D=%2A&start=150");

        assertThat(query).isEqualTo(new Bitrix24Fake.Portal.ListQuery(4600, 150, null));
    }

    @Test
    void theExpectedIdsAreTheEvenIdsWithTheContactTypeCode() {
        assertThat(portal.expectedIds()).hasSize(120).contains("C_2", "C_240").doesNotContain("C_1", "C_242");
    }

    @Test
    void aDeletedContactIsNoLongerListedNorFoundAmongTheAskedIds() {
        Bitrix24Fake.Portal after = portal.withoutContacts(4, 100);
        Bitrix24Fake.Portal.ListQuery among = Bitrix24Fake.Portal.ListQuery.ofQuery(
                "filter%5B%40ID%5D%5B0%5D=2&filter%5B%40ID%5D%5B1%5D=4&filter%5B%40ID%5D%5B2%5D=3&select%5B0%5D=ID"
                        + "&start=0");

        assertThat(after.page(among).rows()).containsExactly("{\"ID\":\"2\"}");
        assertThat(portal.page(among).rows()).hasSize(2);
        Bitrix24Fake.Portal.ListPage first = after.page(new Bitrix24Fake.Portal.ListQuery(0, 0, null));
        assertThat(first.total()).isEqualTo(118);
        assertThat(first.rows()).hasSize(50).noneMatch(row -> row.startsWith("{\"ID\":\"4\""));
        assertThat(after.expectedIds()).hasSize(118).doesNotContain("C_4", "C_100");
    }
}
