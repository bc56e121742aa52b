package dev.liaison.scenario.routing;

import dev.liaison.connector.api.TicketRouter.RoutingDecision;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing of one ticket and why. {@code group}, {@code assignee} and {@code priority} are {@code null} when the
 * rule leaves them as they are. {@code explanation} is a sentence for the ticket's internal note; {@code observed}
 * the values the matching rule's condition read (empty for the default rule); {@code evaluated} every rule tried, in
 * order, up to and including the one that matched.
 */
public record Decision(String ruleName, String group, String assignee, Priority priority, List<String> tags,
                       String explanation, Map<String, String> observed, List<RuleOutcome> evaluated) {

    public Decision {
        tags = List.copyOf(tags);
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
        evaluated = List.copyOf(evaluated);
    }

    /** What the help-desk connector applies to the ticket. */
    public RoutingDecision toRoutingDecision() {
        return new RoutingDecision(group, assignee, priority == null ? null : priority.value(), tags, explanation);
    }
}
