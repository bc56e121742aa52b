package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchSelectionTest {

    @Test
    void blankOrAbsentRunsEveryBenchmark() {
        assertThat(BenchSelection.parse(null).includes("intake")).isTrue();
        assertThat(BenchSelection.parse("").includes("routing")).isTrue();
        assertThat(BenchSelection.parse(" , ").includes("profile")).isTrue();
    }

    @Test
    void namedBenchmarksRunAndNoOthers() {
        BenchSelection selection = BenchSelection.parse(" Routing,profile ");

        assertThat(selection.includes("routing")).isTrue();
        assertThat(selection.includes("profile")).isTrue();
        assertThat(selection.includes("intake")).isFalse();
    }
}
