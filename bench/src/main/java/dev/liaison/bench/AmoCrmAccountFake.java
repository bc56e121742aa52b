package dev.liaison.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An amoCRM account holding {@code contacts} contacts and no leads, listed as external-apis.md §2.2 documents:
 * {@code GET /api/v4/contacts?limit=..&page=..}, at most 250 a page, {@code application/hal+json} with
 * {@code _links.next} on every page but the last, {@code filter[updated_at][from]} honoured, and 204 No Content
 * for a page with nothing on it. Over 7 requests in any second (§2.3): 429.
 */
final class AmoCrmAccountFake implements RateLimitedFake.Api {

    static final String TOKEN = "bench-long-lived-token";
    static final int MAX_LIMIT = 250;
    static final int REQUESTS_PER_SECOND = 7;
    /** Contact k has id FIRST_ID + k and was last updated at UPDATED_BASE + k (unix seconds). */
    private static final long FIRST_ID = 3_000_000;
    private static final long UPDATED_BASE = 1_700_000_000;

    private final int contacts;

    AmoCrmAccountFake(int contacts) {
        this.contacts = contacts;
    }

    Set<String> expectedIds() {
        Set<String> ids = new TreeSet<>();
        for (int k = 1; k <= contacts; k++) {
            ids.add(Long.toString(FIRST_ID + k));
        }
        return ids;
    }

    /** amoCRM documents only the status (§2.3); the SDK treats any 429 as "too many requests". */
    @Override
    public ResponseDefinition refusal(Duration retryAfter) {
        return aResponse().withStatus(429).build();
    }

    @Override
    public ResponseDefinition answer(Request request) {
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            return aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"title\":\"Unauthorized\",\"type\":\"https://httpstatus.es/401\",\"status\":401,"
                            + "\"detail\":\"Unauthorized\"}").build();
        }
        String path = request.getUrl().replaceAll("\\?.*", "");
        if (!RequestMethod.GET.equals(request.getMethod())) {
            return aResponse().withStatus(405).build();
        }
        if (path.equals("/api/v4/leads")) {
            return aResponse().withStatus(204).build();
        }
        if (!path.equals("/api/v4/contacts")) {
            return aResponse().withStatus(404).build();
        }
        int limit = Math.min(MAX_LIMIT, (int) parameter(request, "limit", 50));
        long page = parameter(request, "page", 1);
        long from = parameter(request, "filter[updated_at][from]", 0);
        long firstK = Math.max(1, from - UPDATED_BASE);
        long skip = (page - 1) * limit;
        long available = contacts - firstK + 1;
        if (page < 1 || limit < 1 || skip >= available) {
            return aResponse().withStatus(204).build();
        }
        List<String> records = new ArrayList<>();
        for (long k = firstK + skip; k < firstK + skip + limit && k <= contacts; k++) {
            records.add(contact(k));
        }
        boolean next = skip + limit < available;
        String self = "https://bench.amocrm.ru/api/v4/contacts?limit=" + limit + "&page=";
        String body = "{\"_page\":" + page + ",\"_links\":{\"self\":{\"href\":\"" + self + page + "\"}"
                + (next ? ",\"next\":{\"href\":\"" + self + (page + 1) + "\"}" : "")
                + ",\"first\":{\"href\":\"" + self + "1\"}"
                + (page > 1 ? ",\"prev\":{\"href\":\"" + self + (page - 1) + "\"}" : "")
                + "},\"_embedded\":{\"contacts\":[" + String.join(",", records) + "]}}";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json").withBody(body).build();
    }

    private static String contact(long k) {
        long id = FIRST_ID + k;
        long updatedAt = UPDATED_BASE + k;
        return "{\"id\":" + id + ",\"name\":\"Клиент " + id + "\",\"first_name\":\"\",\"last_name\":\"\","
                + "\"responsible_user_id\":112313,\"group_id\":0,\"created_at\":" + (updatedAt - 100)
                + ",\"updated_at\":" + updatedAt + ",\"custom_fields_values\":["
                + "{\"field_id\":735649,\"field_name\":\"Телефон\",\"field_code\":\"PHONE\",\"field_type\":\"multitext\","
                + "\"values\":[{\"value\":\"+7903" + String.format("%07d", k) + "\",\"enum_id\":718321,"
                + "\"enum_code\":\"MOB\"}]},"
                + "{\"field_id\":735651,\"field_name\":\"Email\",\"field_code\":\"EMAIL\",\"field_type\":\"multitext\","
                + "\"values\":[{\"value\":\"client" + id + "@example.com\",\"enum_id\":718333,\"enum_code\":\"WORK\"}]}],"
                + "\"account_id\":7039099,\"_links\":{\"self\":{\"href\":\"https://bench.amocrm.ru/api/v4/contacts/"
                + id + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}";
    }

    private static long parameter(Request request, String name, long fallback) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? Long.parseLong(parameter.firstValue()) : fallback;
    }
}
