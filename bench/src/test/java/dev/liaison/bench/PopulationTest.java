package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void everythingAboutAPersonFollowsFromTheirNumber() {
        assertThat(Population.profileId(123)).isEqualTo("00000000-0000-4000-8000-000000000123").hasSize(36);
        assertThat(Population.email(123)).isEqualTo("person-123@example.com");
        assertThat(Population.phoneE164(123)).isEqualTo("+79030000123");
        assertThat(Population.externalId(123)).isEqualTo("123");
    }

    @Test
    void theNationalPhoneIsTheE164OneAsARussianWritesIt() {
        assertThat(Population.phoneNational(1_234_567)).isEqualTo("8 903 123-45-67");
        assertThat(Population.phoneE164(1_234_567)).isEqualTo("+79031234567");
        assertThat(Population.phoneNational(1_000_000)).isEqualTo("8 903 100-00-00");
    }

    @Test
    void sevenSubscriberDigitsBoundThePopulation() {
        assertThat(Population.phoneE164(Population.LARGEST)).isEqualTo("+79039999999");
        assertThatThrownBy(() -> Population.phoneE164(Population.LARGEST + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Population.profileId(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
