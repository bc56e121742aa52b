package dev.liaison.scenario.engine;

import dev.liaison.scenario.routing.Condition;
import java.util.List;

/** A validated scenario definition: what starts it, whether once per person, and its steps in order. */
public record Scenario(String name, String description, TriggerType trigger, Condition when, boolean oncePerProfile,
                       List<Step> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }
}
