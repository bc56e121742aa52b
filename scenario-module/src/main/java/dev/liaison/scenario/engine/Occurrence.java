package dev.liaison.scenario.engine;

import java.util.Map;
import java.util.Objects;

/**
 * One happening that may start scenarios, for one person. {@code key} is the same however often the happening is
 * reported (the same won deal delivered twice), so it starts each scenario once. {@code connectionId} and
 * {@code recordId} say where it came from (the CRM and deal, the help desk and ticket), for steps that write back.
 * {@code facts} are what conditions see as {@code event}: plain values, never contact data.
 */
public record Occurrence(TriggerType type, String profileId, String key, String connectionId, String recordId,
                         Map<String, Object> facts) {

    public Occurrence {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(key, "key");
        facts = Map.copyOf(facts);
    }
}
