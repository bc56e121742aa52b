package dev.liaison.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void turnsABodyIntoPlainValues() {
        var body = JsonBodies.readObject("{\"n\":1.5,\"s\":\"x\",\"b\":true,\"l\":[1,\"a\"],\"o\":{\"k\":false}}");

        assertThat(JsonBodies.plain(body)).isEqualTo(Map.of("n", new BigDecimal("1.5"), "s", "x", "b", true,
                "l", List.of(BigDecimal.ONE, "a"), "o", Map.of("k", false)));
    }

    @Test
    void aBodyThatIsNoObjectIsAProblemNamingTheBody() {
        for (String body : new String[] {null, "", "[1]", "{\"unclosed\":"}) {
            assertThatThrownBy(() -> JsonBodies.readObject(body)).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("body");
        }
    }

    @Test
    void anOptionalMemberIsEmptyWhenAbsentOrNullAndAProblemNamingItWhenOfAnotherType() {
        var body = JsonBodies.readObject("{\"requester\":{\"email\":42,\"phone\":null},\"ticket\":[1]}");
        var requester = JsonBodies.optionalObject(body, "requester", "requester").orElseThrow();

        assertThat(JsonBodies.optionalObject(body, "absent", "absent")).isEmpty();
        assertThat(JsonBodies.optionalText(requester, "phone", "requester.phone")).isEmpty();
        assertThatThrownBy(() -> JsonBodies.optionalObject(body, "ticket", "ticket"))
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.toProblem(null).field()).isEqualTo("ticket"));
        assertThatThrownBy(() -> JsonBodies.optionalText(requester, "email", "requester.email"))
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.toProblem(null).field()).isEqualTo("requester.email"));
    }

    @Test
    void anOptionalTextIsTheString() {
        var body = JsonBodies.readObject("{\"email\":\"anna@example.com\"}");

        assertThat(JsonBodies.optionalText(body, "email", "email")).contains("anna@example.com");
    }
}
