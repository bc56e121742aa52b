package dev.liaison.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NulCharacterFilterTest {

    @Test
    void aNulInThePathIsNamedPath() {
        assertThat(NulCharacterFilter.fieldWithNul("/api/profiles/%00/consents", null)).contains("path");
        assertThat(NulCharacterFilter.fieldWithNul("/hooks/a%00b", "x=1")).contains("path");
    }

    @Test
    void aNulInTheQueryNamesItsParameter() {
        assertThat(NulCharacterFilter.fieldWithNul("/api/audit", "limit=5&since=2026%00")).contains("since");
        assertThat(NulCharacterFilter.fieldWithNul("/api/profiles", "e%6Dail%00=x")).contains("email");
    }

    @Test
    void otherRequestsPass() {
        assertThat(NulCharacterFilter.fieldWithNul("/api/profiles/p-1", "email=a%40b.c&limit=100")).isEmpty();
        assertThat(NulCharacterFilter.fieldWithNul("/api/profiles", null)).isEmpty();
        assertThat(NulCharacterFilter.fieldWithNul("/api/audit", "since=%zz")).isEmpty();
    }
}
