package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookupKindTest {

    @Test
    void theApiIsAskedWithAnEncodedAddressAndTheTableHoldsItAsIs() {
        assertThat(LookupKind.EMAIL.apiQuery(42)).isEqualTo("email=person-42%40example.com");
        assertThat(LookupKind.EMAIL.storedValue(42)).isEqualTo("person-42@example.com");
    }

    @Test
    void theApiIsAskedWithTheNationalPhoneAndTheTableHoldsE164() {
        assertThat(LookupKind.PHONE.apiQuery(1_234_567)).isEqualTo("phone=8%20903%20123-45-67");
        assertThat(LookupKind.PHONE.storedValue(1_234_567)).isEqualTo("+79031234567");
    }

    @Test
    void theKindsAreNamedAsTheIdentityTableNamesThem() {
        assertThat(LookupKind.values()).extracting(LookupKind::name).containsExactly("EMAIL", "PHONE");
    }
}
