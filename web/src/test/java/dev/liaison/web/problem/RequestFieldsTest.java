package dev.liaison.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestFieldsTest {

    private static final long LIMIT = 1_000_000_000L;

    @Test
    void takesAJsonIntegerWithinTheRange() {
        RequestFields fields = fields("{\"points\":250,\"reason\":\"goodwill\"}");

        assertThat(fields.integer("points", 1, LIMIT)).isEqualTo(250L);
        assertThat(fields.text("reason", 500)).isEqualTo("goodwill");
        fields.requireValid();
    }

    @Test
    void refusesWhatJsonbWouldConvertOrWrap() {
        for (String points : new String[] {"18446744073709551611", "18446744073709551621", "9223372036854775807",
                "1000000001", "1.5", "1.0", "1e3", "\"10\"", "true", "0", "-5", "1e3000000", "0.1e1", "0.0000001e7",
                "1E2", "10e-1", "100e-2", "1e0", "-0", "[1]", "{}"}) {
            RequestFields fields = fields("{\"points\":" + points + "}");
            assertThat(fields.integer("points", 1, LIMIT)).as(points).isNull();
            assertThatThrownBy(fields::requireValid).as(points).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.toProblem(null).field()).isEqualTo("points"));
        }
    }

    @Test
    void theRuleIsTheLiteralOnlyAtTheTopLevelAndTheLastOfDuplicates() {
        assertThat(fields("{\"points\":-42}").integer("points", -LIMIT, LIMIT)).isEqualTo(-42L);
        assertThat(fields("{\"x\":{\"points\":1.5},\"points\":7}").integer("points", 1, LIMIT)).isEqualTo(7L);
        assertThat(fields("{\"points\":1.5,\"points\":7}").integer("points", 1, LIMIT)).isEqualTo(7L);
        assertThat(fields("{\"points\":7,\"points\":0.7e1}").integer("points", 1, LIMIT)).isNull();
        assertThat(fields("{\"points\":999999999999999999}").integer("points", 1, Long.MAX_VALUE))
                .isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void aHugeExponentIsRefusedFast() {
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(fields("{\"points\":1e3000000}").integer("points", 1, LIMIT)).isNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void namesEveryWrongFieldAtOnce() {
        RequestFields fields = fields("{\"points\":1.5,\"reason\":\"" + "r".repeat(501) + "\"}");
        fields.integer("points", 1, LIMIT);
        fields.text("reason", 500);
        fields.text("idempotencyKey", 200);

        assertThatThrownBy(fields::requireValid).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblem(null).errors()).extracting(Problem.FieldError::field)
                        .containsExactly("points", "reason", "idempotencyKey"));
    }

    @Test
    void aThousandLevelsOfNestingAreRefusedBeforeParsing() {
        String deep = "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

        assertThatThrownBy(() -> JsonBodies.readObject(deep)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblem(null).field()).isEqualTo("body"));
    }

    private static RequestFields fields(String json) {
        return RequestFields.read(json);
    }
}
