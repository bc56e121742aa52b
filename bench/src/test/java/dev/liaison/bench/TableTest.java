package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = new Table(List.of("c", "req/s"), List.of(List.of("1", "812"), List.of("32", "5")));

    @Test
    void plainRightAlignsEveryColumnToItsWidestCell() {
        assertThat(table.plain()).isEqualTo("""
                 c | req/s
                 1 |   812
                32 |     5
                """);
    }

    @Test
    void markdownHasAHeaderRowAndRightAlignedColumns() {
        assertThat(table.markdown()).isEqualTo("""
                | c | req/s |
                |---:|---:|
                | 1 | 812 |
                | 32 | 5 |
                """);
    }

    @Test
    void rejectsARowThatDoesNotFitTheHeader() {
        assertThatThrownBy(() -> new Table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
