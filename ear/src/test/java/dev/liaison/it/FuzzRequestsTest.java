package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzRequestsTest {

    private static final JsonObject DOCUMENT = Json.createReader(new StringReader("""
            {"paths": {
              "/api/loyalty/{id}/redemptions": {"post": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Points"}}}},
                "responses": {"201": {}, "400": {}, "404": {}}}},
              "/api/audit": {"get": {
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "default": 100}}],
                "responses": {"200": {}}}}},
             "components": {"schemas": {"Points": {"type": "object", "properties": {
               "points": {"type": "integer", "format": "int64"},
               "reason": {"type": "string"},
               "kind": {"type": "string", "enum": ["EARN", "SPEND"]}}}}}}
            """)).readObject();

    private final FuzzRequests generator = new FuzzRequests(DOCUMENT,
            upTo -> upTo.equals("/api/loyalty/{id}") ? "p-1" : null, field -> null, 7);

    @Test
    void theShapedRequestFillsEveryDocumentedFieldAndNamesAnExistingThing() {
        FuzzRequests.Request shaped = requests("/api/loyalty/{id}/redemptions").get(0);

        assertThat(shaped.label()).isEqualTo("valid-shaped");
        assertThat(shaped.path()).isEqualTo("api/loyalty/p-1/redemptions");
        assertThat(shaped.contentType()).isEqualTo("application/json");
        JsonObject body = Json.createReader(new StringReader(shaped.body())).readObject();
        assertThat(body.keySet()).containsExactlyInAnyOrder("points", "reason", "kind");
        assertThat(body.getString("kind")).isIn("EARN", "SPEND");
    }

    @Test
    void brokenRequestsCarryHugeNumbersLongStringsAndOddIds() {
        List<FuzzRequests.Request> requests = requests("/api/loyalty/{id}/redemptions");

        assertThat(requests).hasSizeLessThanOrEqualTo(FuzzRequests.MAX_PER_OPERATION);
        assertThat(body(requests, "huge integers")).contains("\"points\":" + FuzzRequests.HUGE_INTEGER);
        assertThat(body(requests, "huge exponent"))
                .contains("\"points\":" + new BigDecimal(FuzzRequests.HUGE_EXPONENT));
        assertThat(body(requests, "long strings")).contains("s".repeat(FuzzRequests.LONG_STRING));
        assertThat(Json.createReader(new StringReader(body(requests, "long strings"))).readObject().getString("kind"))
                .as("an enumerated field stays valid").isIn("EARN", "SPEND");
        assertThat(body(requests, "wrong types")).contains("\"reason\":42");
        assertThat(request(requests, "NUL path id").path()).isEqualTo("api/loyalty/%00/redemptions");
        assertThat(request(requests, "other content type").contentType()).isEqualTo("text/plain");
        assertThat(request(requests, "without credentials").signedIn()).isFalse();
    }

    @Test
    void queryParametersAreSentValidMistypedAndHuge() {
        List<FuzzRequests.Request> requests = requests("/api/audit");

        assertThat(request(requests, "valid-shaped").path()).isEqualTo("api/audit?limit=100");
        assertThat(request(requests, "query values of the wrong type").path())
                .isEqualTo("api/audit?limit=not-a-number");
        assertThat(request(requests, "huge query numbers").path())
                .isEqualTo("api/audit?limit=" + FuzzRequests.HUGE_INTEGER);
        assertThat(request(requests, "unknown query parameter").path())
                .isEqualTo("api/audit?limit=100&fuzz-unknown=1");
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        FuzzRequests again = new FuzzRequests(DOCUMENT, upTo -> upTo.equals("/api/loyalty/{id}") ? "p-1" : null,
                field -> null, 7);
        FuzzRequests.Operation operation = FuzzRequests.operations(DOCUMENT).get(0);

        assertThat(again.of(operation)).isEqualTo(generator.of(operation));
    }

    private List<FuzzRequests.Request> requests(String path) {
        return generator.of(FuzzRequests.operations(DOCUMENT).stream()
                .filter(operation -> operation.path().equals(path)).findFirst().orElseThrow());
    }

    private static FuzzRequests.Request request(List<FuzzRequests.Request> requests, String label) {
        return requests.stream().filter(request -> request.label().equals(label)).findFirst().orElseThrow();
    }

    private static String body(List<FuzzRequests.Request> requests, String label) {
        return request(requests, label).body();
    }
}
