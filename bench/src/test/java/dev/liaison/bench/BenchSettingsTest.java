package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void measuresTheConcurrenciesOfTheIssue() {
        BenchSettings settings = settings(1);

        assertThat(settings.levels()).extracting(BenchSettings.Level::concurrency).containsExactly(1, 8, 32);
    }

    @Test
    void scaleShrinksEveryRequestCountButNeverToNothing() {
        BenchSettings full = settings(1);
        BenchSettings smoke = settings(0.00001);

        assertThat(settings(0.1).levels().get(2).requests()).isEqualTo(full.levels().get(2).requests() / 10);
        assertThat(smoke.levels()).allSatisfy(level -> assertThat(level.requests()).isEqualTo(1));
        assertThat(smoke.warmUp().requests()).isEqualTo(1);
    }

    @Test
    void rejectsANonPositiveScale() {
        assertThatThrownBy(() -> settings(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BenchSettings settings(double scale) {
        return new BenchSettings(Path.of("server"), Path.of("target"), scale, Duration.ofSeconds(1));
    }
}
