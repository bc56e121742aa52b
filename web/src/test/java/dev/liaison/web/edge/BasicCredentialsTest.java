package dev.liaison.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void aBasicHeaderNamesItsAccount() {
        assertThat(BasicCredentials.parse("Basic " + encode("admin:secret:with:colons")))
                .hasValueSatisfying(parsed -> assertThat(parsed.account()).isEqualTo("admin"));
        assertThat(BasicCredentials.parse("basic " + encode("lk_abc:x")))
                .hasValueSatisfying(parsed -> assertThat(parsed.account()).isEqualTo("lk_abc"));
    }

    @Test
    void headersTheSignInWouldChokeOnAreMalformed() {
        assertThat(BasicCredentials.parse("Basic !!!")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode("no-colon"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode(":no-name"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode("a\u0000b:c"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, ':'})))
                .isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode("a:b") + ", Bearer x.y.z")).isEmpty();
        assertThat(BasicCredentials.parse("Bearer a b")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + "A".repeat(10_000))).isEmpty();
    }

    @Test
    void aBearerTokenOrAnotherSchemeNamesNoAccount() {
        assertThat(BasicCredentials.parse("Bearer eyJhbGciOi.eyJzdWIiOi.c2ln"))
                .hasValueSatisfying(parsed -> assertThat(parsed.account()).isNull());
        assertThat(BasicCredentials.parse("Negotiate abc"))
                .hasValueSatisfying(parsed -> assertThat(parsed.account()).isNull());
    }

    private static String encode(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
