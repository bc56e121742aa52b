package dev.liaison.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void anAddressKeepsItsFirstLetterAndDomain() {
        assertThat(PersonalDataMask.email("anna.petrova@example.com")).isEqualTo("a***@example.com");
        assertThat(PersonalDataMask.email("not an address")).isEqualTo("n***");
    }

    @Test
    void aPhoneKeepsItsCountryCodeAndLastTwoDigits() {
        assertThat(PersonalDataMask.phone("+79161234567")).isEqualTo("+7 *** *** ** 67");
        assertThat(PersonalDataMask.phone("+7 (916) 123-45-67")).isEqualTo("+7 *** *** ** 67");
        assertThat(PersonalDataMask.phone("4155550123")).isEqualTo("*** *** ** 23");
        assertThat(PersonalDataMask.phone("12")).isEqualTo("***");
    }

    @Test
    void aNameKeepsItsFirstLetter() {
        assertThat(PersonalDataMask.initial("Анна")).isEqualTo("А***");
        assertThat(PersonalDataMask.initial("  ")).isEqualTo("  ");
    }

    @Test
    void aGatewaysRefusalLosesTheAddressesAndNumbersItQuotes() {
        assertThat(PersonalDataMask.scrub("the SMTP server answered: 550 5.1.1 <anna@example.com>: user unknown"))
                .isEqualTo("the SMTP server answered: 550 5.1.1 <a***@example.com>: user unknown");
        assertThat(PersonalDataMask.scrub("SMSC error 7: number +7 916 123-45-67 is invalid"))
                .isEqualTo("SMSC error 7: number +7 *** *** ** 67 is invalid");
    }

    @Test
    void timesCodesAndIdsStay() {
        String text = "HTTP 503 at 2026-12-07 10:15:03 (attempt 3, error_code 209, id 4711)";

        assertThat(PersonalDataMask.scrub(text)).isEqualTo(text);
        assertThat(PersonalDataMask.scrub(null)).isNull();
    }
}
