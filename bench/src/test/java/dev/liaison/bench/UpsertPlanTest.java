package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UpsertPlanTest {

    @Test
    void alternatesUpdatesOfLoadedPeopleWithNewPeople() {
        UpsertPlan plan = UpsertPlan.of(6, 1_000, new Random(1));

        List<Long> people = plan.people();
        assertThat(plan.events()).isEqualTo(6);
        assertThat(plan.updates()).isEqualTo(3);
        assertThat(plan.newPeople()).isEqualTo(3);
        assertThat(List.of(people.get(0), people.get(2), people.get(4))).allSatisfy(person ->
                assertThat(person).isBetween(1L, 1_000L));
        assertThat(List.of(people.get(1), people.get(3), people.get(5))).containsExactly(1_001L, 1_002L, 1_003L);
    }

    @Test
    void everyPersonGetsExactlyOneEvent() {
        UpsertPlan plan = UpsertPlan.of(5_000, 2_500, new Random(7));

        assertThat(new HashSet<>(plan.people())).hasSize(5_000);
        assertThat(plan.people().stream().filter(person -> person <= 2_500)).hasSize(2_500);
    }

    @Test
    void anOddCountHasOneMoreNewPerson() {
        UpsertPlan plan = UpsertPlan.of(5, 100, new Random(3));

        assertThat(plan.updates()).isEqualTo(2);
        assertThat(plan.newPeople()).isEqualTo(3);
        assertThat(plan.people().subList(3, 5)).containsExactly(102L, 103L);
    }

    @Test
    void refusesMoreUpdatesThanLoadedPeople() {
        assertThatThrownBy(() -> UpsertPlan.of(10, 4, new Random(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
