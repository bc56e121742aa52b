package dev.liaison.scenario.routing;

/** What the assignee strategies need to know about past routing and current workload; implemented by the caller. */
public interface AgentLoad {

    /** How many tickets the named rule has routed so far; round-robin gives the next one to agents[count % size]. */
    long routedCount(String ruleName);

    /** How many open tickets the agent (a Zendesk user id) has now. */
    long openTickets(String agentId);
}
