package dev.liaison.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Who the upsert run's contact.upserted events are about, in sending order: alternately an update of a loaded
 * person (picked at random, each at most once) and a person the store has never seen. Each person gets exactly one
 * event, so that afterwards the profile count tells whether every update found its profile.
 *
 * @param people person numbers in sending order
 * @param newPeople how many of them are beyond the loaded population
 */
record UpsertPlan(List<Long> people, int newPeople) {

    UpsertPlan {
        people = List.copyOf(people);
    }

    static UpsertPlan of(int events, int population, RandomGenerator random) {
        int updates = events / 2;
        int newPeople = events - updates;
        if (updates > population) {
            throw new IllegalArgumentException(updates + " updates need at least as many loaded people, not "
                    + population);
        }
        if ((long) population + newPeople > Population.LARGEST) {
            throw new IllegalArgumentException("population " + population + " plus " + newPeople
                    + " new people exceed " + Population.LARGEST);
        }
        Set<Long> updated = new LinkedHashSet<>();
        while (updated.size() < updates) {
            updated.add(1 + random.nextLong(population));
        }
        List<Long> people = new ArrayList<>(events);
        Iterator<Long> existing = updated.iterator();
        long nextNew = population + 1L;
        for (int i = 0; i < events; i++) {
            people.add(i % 2 == 0 && existing.hasNext() ? existing.next() : nextNew++);
        }
        return new UpsertPlan(people, newPeople);
    }

    int events() {
        return people.size();
    }

    int updates() {
        return people.size() - newPeople;
    }
}
