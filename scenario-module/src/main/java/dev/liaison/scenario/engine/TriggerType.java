package dev.liaison.scenario.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The canonical happenings a scenario can start on, by the name a definition's {@code trigger.event} uses. */
public enum TriggerType {
    DEAL_WON("deal.won", "deal"),
    TIER_CHANGED("tier.changed", null),
    TICKET_SOLVED("ticket.solved", "ticket"),
    CONSENT_GRANTED("consent.granted", null);

    private final String eventName;
    private final String alias;

    TriggerType(String eventName, String alias) {
        this.eventName = eventName;
        this.alias = alias;
    }

    public String eventName() {
        return eventName;
    }

    /** A second name the trigger's facts go by in conditions ({@code deal.amount} as well as {@code event.amount}). */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    public static Optional<TriggerType> byEventName(String name) {
        return Arrays.stream(values()).filter(type -> type.eventName.equals(name)).findFirst();
    }

    public static List<String> eventNames() {
        return Arrays.stream(values()).map(TriggerType::eventName).toList();
    }
}
