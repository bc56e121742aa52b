package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackRequestTest {

    private static CallbackRequest get(String query) {
        return new CallbackRequest("GET", null, Map.of("Referer", List.of("https://example.amocrm.ru/")), query, null,
                URI.create("https://liaison.example/hooks/c1"), URI.create("https://liaison.example/oauth/x/callback"));
    }

    @Test
    void queryParametersAreDecodedAsFormFieldsAndTheFirstValueCounts() {
        CallbackRequest request = get("code=def%2B50&state=c1.a+b&state=second&empty=&flag");

        assertThat(request.queryParameter("code")).contains("def+50");
        assertThat(request.queryParameter("state")).contains("c1.a b");
        assertThat(request.queryParameter("empty")).contains("");
        assertThat(request.queryParameter("flag")).contains("");
        assertThat(request.queryParameter("referer")).isEmpty();
        assertThat(get(null).queryParameter("code")).isEmpty();
        assertThat(get("code=%zz").queryParameter("code")).isEmpty();
    }

    @Test
    void headersAreCaseInsensitiveAndTheBodyIsACopy() {
        CallbackRequest request = new CallbackRequest("POST", "text/plain", Map.of("X-Vendor", List.of("v")), null,
                new byte[] {'a'}, null, null);
        request.body()[0] = 'b';

        assertThat(request.header("x-vendor")).contains("v");
        assertThat(request.bodyText()).isEqualTo("a");
        assertThat(get("").header("REFERER")).contains("https://example.amocrm.ru/");
    }

    @Test
    void anAnswerIsASuccessOrARedirectNeverARefusal() {
        assertThat(CallbackResponse.json("{}").status()).isEqualTo(200);
        assertThat(CallbackResponse.redirect(URI.create("https://liaison.example/console")).location())
                .hasToString("https://liaison.example/console");
        assertThatThrownBy(() -> new CallbackResponse(401, CallbackResponse.JSON, "{}", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
