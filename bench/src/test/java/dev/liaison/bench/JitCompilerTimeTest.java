package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JitCompilerTimeTest {

    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "18511 (C2 CompilerThre) S 18498 18477 18477 0 -1 1077936192 9507 0 0 0 2611 59 0 0 20 0 93 0";

        assertThat(JitCompilerTime.fromStatLine(stat)).isEqualTo(Duration.ofMillis(26_700));
        assertThat(JitCompilerTime.fromStatLine("7 (a) (b)) R 1 1 1 0 -1 0 0 0 0 0 3 4 0 0"))
                .isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void aServerWithoutCompilerThreadsToReadWarmsUpOneRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();

        WarmUp.Result result = new WarmUp(Stream::empty, Duration.ofMinutes(1)).run(rounds::incrementAndGet);

        assertThat(rounds).hasValue(1);
        assertThat(result.settled()).isTrue();
        assertThat(result.describe()).startsWith("1 warm-up round in");
    }
}
