package dev.liaison.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundStagesTest {

    /** The order the class's Javadoc, the root README and DESIGN.md give. */
    private static final List<Integer> DOCUMENTED_ORDER = List.of(InboundStages.PROFILE_STORE,
            InboundStages.DELIVERY_REPORTS, InboundStages.LOYALTY, InboundStages.ROUTING, InboundStages.SCENARIOS);

    @Test
    void theStagesComeInTheDocumentedOrderAndNoTwoShareAPriority() {
        for (int i = 1; i < DOCUMENTED_ORDER.size(); i++) {
            assertThat(DOCUMENTED_ORDER.get(i)).isGreaterThan(DOCUMENTED_ORDER.get(i - 1));
        }
    }

    @Test
    void everyStageIsInTheDocumentedOrder() {
        List<Integer> declared = Arrays.stream(InboundStages.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == int.class)
                .map(InboundStagesTest::value)
                .toList();

        assertThat(declared).containsExactlyInAnyOrderElementsOf(DOCUMENTED_ORDER);
    }

    private static int value(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(field.getName() + " is not public", e);
        }
    }
}
