package dev.liaison.profile.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MergeJsonTest {

    @Test
    void undoInformationSurvivesTheRoundTrip() {
        Map<String, Optional<AttributeValue>> overwritten = new LinkedHashMap<>();
        overwritten.put("firstName", Optional.of(new AttributeValue("firstName", "Анна",
                new Source("amocrm", "c-9", "19619"), Instant.parse("2026-11-01T10:00:00Z"))));
        overwritten.put("company", Optional.empty());
        overwritten.put("note", Optional.of(new AttributeValue("note", null, Source.api(), Instant.EPOCH)));

        assertThat(MergeJson.overwritten(MergeJson.overwritten(overwritten))).isEqualTo(overwritten);
        assertThat(MergeJson.identityIds(MergeJson.identityIds(List.of(3L, 11L)))).containsExactly(3L, 11L);
    }
}
