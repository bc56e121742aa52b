package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioBenchSettingsTest {

    @Test
    void theWarmUpGetsProfilesOfItsOwnBeforeTheMeasuredOnes() {
        ScenarioBenchSettings settings = settings(100_000, 4);

        assertThat(settings.profilesToLoad()).isEqualTo(105_000);
        assertThat(settings.scenarioFile("loyalty.yaml")).isEqualTo(Path.of("config", "scenarios", "loyalty.yaml"));
    }

    @Test
    void refusesNoProfilesOrNoThreads() {
        assertThatThrownBy(() -> settings(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liaison.bench.scenario.profiles");
        assertThatThrownBy(() -> settings(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liaison.bench.scenario.threads");
    }

    private static ScenarioBenchSettings settings(int profiles, int threads) {
        return new ScenarioBenchSettings(Path.of("target"), Path.of("config"), profiles, threads,
                Duration.ofMinutes(1));
    }
}
