package dev.liaison.profile.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNormalizerTest {

    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("RU");

    @ParameterizedTest
    @ValueSource(strings = {"8 903 145-34-55", "+7 903 145 34 55", "+7 (903) 145-34-55", "8(903)1453455",
            "89031453455", "+79031453455", " 7 903 145 34 55 "})
    void russianNationalAndInternationalFormsBecomeE164(String raw) throws Exception {
        assertThat(normalizer.phone(raw)).isEqualTo(new Identity(IdentityKind.PHONE, "+79031453455"));
    }

    @Test
    void numbersWithTheirOwnCountryCodeKeepIt() throws Exception {
        assertThat(normalizer.phone("+49 30 901820").value()).isEqualTo("+4930901820");
    }

    @Test
    void anotherDefaultRegionReadsNationalFormsDifferently() throws Exception {
        assertThat(new IdentifierNormalizer("DE").phone("030 901820").value()).isEqualTo("+4930901820");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12", "8 903 145", "not a phone", "+7 000 000 00 00", "8 903 145-34-55-99-99"})
    void invalidNumbersAreRefused(String raw) {
        assertThatThrownBy(() -> normalizer.phone(raw)).isInstanceOf(InvalidIdentifierException.class)
                .message().doesNotContainPattern("\\d");
    }

    @Test
    void emailIsTrimmedAndLowerCased() throws Exception {
        assertThat(normalizer.email("  Anna.Petrova@Example.COM ").value()).isEqualTo("anna.petrova@example.com");
    }

    @Test
    void internationalisedDomainsBecomeAscii() throws Exception {
        assertThat(normalizer.email("info@пример.рф").value()).isEqualTo("info@xn--e1afmkfd.xn--p1ai");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "anna", "anna@", "@example.com", "anna@@example.com", "an na@example.com",
            "anna@example", "anna..p@example.com", "anna@exa_mple.com"})
    void malformedAddressesAreRefused(String raw) {
        assertThatThrownBy(() -> normalizer.email(raw)).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void unknownRegionsAreAConfigurationError() {
        assertThatThrownBy(() -> new IdentifierNormalizer("XX")).isInstanceOf(IllegalArgumentException.class);
    }
}
