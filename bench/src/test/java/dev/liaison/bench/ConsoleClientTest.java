package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleClientTest {

    @Test
    void takesTheNamedCookiesValueWithoutItsAttributes() {
        List<String> setCookies = List.of("liaison_console_login=; Path=/console/login; Max-Age=0",
                "liaison_console=abc-123;Version=1;Path=/console;HttpOnly;SameSite=Lax");

        assertThat(ConsoleClient.cookie(setCookies, "liaison_console")).contains("abc-123");
        assertThat(ConsoleClient.cookie(setCookies, "liaison_console_login")).contains("");
        assertThat(ConsoleClient.cookie(setCookies, "other")).isEmpty();
    }
}
