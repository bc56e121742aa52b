package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileBenchSettingsTest {

    @Test
    void measuresLookupsAtConcurrencyOneAndEight() {
        ProfileBenchSettings settings = settings(1, 1_000_000);

        assertThat(settings.lookupLevels()).containsExactly(new BenchSettings.Level(1, 5_000),
                new BenchSettings.Level(8, 20_000));
        assertThat(settings.upsertEvents()).isEqualTo(20_000);
    }

    @Test
    void scaleShrinksTheCountsButTheUpsertRunKeepsAnUpdateAndANewPerson() {
        ProfileBenchSettings smoke = settings(0.00001, 1_000_000);

        assertThat(smoke.lookupLevels()).allSatisfy(level -> assertThat(level.requests()).isEqualTo(1));
        assertThat(smoke.upsertEvents()).isEqualTo(2);
    }

    @Test
    void aSmallPopulationLimitsTheUpdates() {
        assertThat(settings(1, 100).upsertEvents()).isEqualTo(200);
    }

    @Test
    void refusesAPopulationThePhoneNumbersCannotHold() {
        assertThatThrownBy(() -> settings(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(1, 9_999_999)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ProfileBenchSettings settings(double scale, int population) {
        return new ProfileBenchSettings(new BenchSettings(Path.of("server"), Path.of("target"), scale,
                Duration.ofSeconds(1)), population);
    }
}
