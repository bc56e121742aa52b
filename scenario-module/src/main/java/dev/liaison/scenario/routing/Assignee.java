package dev.liaison.scenario.routing;

import java.util.List;

/**
 * The agents a rule may assign to and how it picks one. A {@link AssigneeStrategy#FIXED} assignee names exactly one
 * agent.
 */
public record Assignee(AssigneeStrategy strategy, List<String> agents) {

    public Assignee {
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("an assignee needs at least one agent");
        }
        if (strategy == AssigneeStrategy.FIXED && agents.size() != 1) {
            throw new IllegalArgumentException("a fixed assignee names exactly one agent");
        }
    }

    /** The agent for the next ticket routed by {@code ruleName}. */
    public String choose(String ruleName, AgentLoad load) {
        return switch (strategy) {
            case FIXED -> agents.get(0);
            case ROUND_ROBIN -> agents.get(Math.floorMod(load.routedCount(ruleName), agents.size()));
            case LEAST_OPEN_TICKETS -> leastBusy(load);
        };
    }

    /** Ties go to the agent listed first, so the order in the file is a stable preference. */
    private String leastBusy(AgentLoad load) {
        String chosen = agents.get(0);
        long fewest = load.openTickets(chosen);
        for (String agent : agents.subList(1, agents.size())) {
            long open = load.openTickets(agent);
            if (open < fewest) {
                chosen = agent;
                fewest = open;
            }
        }
        return chosen;
    }
}
