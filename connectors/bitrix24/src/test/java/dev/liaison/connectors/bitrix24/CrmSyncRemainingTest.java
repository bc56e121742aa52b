package dev.liaison.connectors.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrmSyncRemainingTest {

    @Test
    void whatIsLeftIsReadFromTheTotalAsANumberOrANumericStringAndNothingElse() {
        assertThat(CrmSync.remaining(Optional.of(Json.createValue(2600)), 2500)).isEqualTo(100);
        assertThat(CrmSync.remaining(Optional.of(Json.createValue("60")), 50)).isEqualTo(10);
        assertThat(CrmSync.remaining(Optional.of(Json.createValue("many")), 50)).isNull();
        assertThat(CrmSync.remaining(Optional.of(Json.createValue(-4)), 0)).isNull();
        assertThat(CrmSync.remaining(Optional.empty(), 50)).isNull();
    }
}
