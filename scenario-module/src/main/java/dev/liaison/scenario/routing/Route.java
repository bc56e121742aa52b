package dev.liaison.scenario.routing;

import java.util.List;

/**
 * What a matching rule sets on the ticket. {@code group}, {@code priority} and {@code assignee} are {@code null} when
 * the rule leaves them as they are; {@code tags} are added to the ticket's own.
 */
public record Route(String group, Priority priority, List<String> tags, Assignee assignee) {

    public Route {
        tags = List.copyOf(tags);
    }
}
