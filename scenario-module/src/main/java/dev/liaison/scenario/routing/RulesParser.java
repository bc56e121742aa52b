package dev.liaison.scenario.routing;

import dev.liaison.scenario.yaml.YamlNodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates a rule file against its schema. The file is composed into YAML nodes rather than constructed into Java
 * maps because only nodes keep their position, and every error names the line of the node it is about.
 */
final class RulesParser {

    private static final YamlNodes<RoutingRulesException> NODES = new YamlNodes<>(RoutingRulesException::new);

    private static final List<String> FILE_KEYS = List.of("rules");
    private static final List<String> RULE_KEYS = List.of("name", "when", "default", "route");
    private static final List<String> ROUTE_KEYS = List.of("group", "priority", "tags", "assignee");
    private static final List<String> ASSIGNEE_KEYS = List.of("strategy", "agent", "agents");
    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on");

    private final Set<String> names = new HashSet<>();

    private RulesParser() {
    }

    static RoutingRules parse(String yaml) throws RoutingRulesException {
        return new RulesParser().file(NODES.compose(yaml, "the file is empty; it needs a 'rules' list"));
    }

    private RoutingRules file(Node root) throws RoutingRulesException {
        Map<String, NodeTuple> file = NODES.mapping(root, "the file", FILE_KEYS);
        Node rulesNode = NODES.required(file, "rules", root, "the file");
        if (!(rulesNode instanceof SequenceNode) || ((SequenceNode) rulesNode).getValue().isEmpty()) {
            throw NODES.error(rulesNode, "'rules' must be a list of at least one rule");
        }
        List<Node> ruleNodes = ((SequenceNode) rulesNode).getValue();
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleNodes.size(); i++) {
            Rule rule = rule(ruleNodes.get(i), i + 1);
            boolean last = i == ruleNodes.size() - 1;
            if (rule.isDefault() && !last) {
                throw NODES.error(ruleNodes.get(i), "default rule '" + rule.name()
                        + "' must be the last rule, and there can be only one default rule");
            }
            if (!rule.isDefault() && last) {
                throw NODES.error(ruleNodes.get(i), "the last rule '" + rule.name()
                        + "' must be the default rule ('default: true'); a default rule is required");
            }
            rules.add(rule);
        }
        return new RoutingRules(rules);
    }

    private Rule rule(Node node, int position) throws RoutingRulesException {
        Map<String, NodeTuple> rule = NODES.mapping(node, "rule " + position, RULE_KEYS);
        Node nameNode = NODES.required(rule, "name", node, "rule " + position);
        String name = text(nameNode, "'name'");
        if (!names.add(name)) {
            throw NODES.error(nameNode, "duplicate rule name '" + name + "'");
        }
        String where = "rule '" + name + "'";
        NodeTuple when = rule.get("when");
        NodeTuple fallback = rule.get("default");
        if (when != null && fallback != null) {
            throw NODES.error(fallback.getKeyNode(), where + " has both 'when' and 'default'; a rule is one or the other");
        }
        if (when == null && fallback == null) {
            throw NODES.error(node, where + " needs a 'when' condition or 'default: true'");
        }
        Condition condition = null;
        if (when != null) {
            Node expression = when.getValueNode();
            if (!Tag.STR.equals(expression.getTag())) {
                throw NODES.error(expression, where + ": 'when' must be a string, not " + NODES.describe(expression));
            }
            condition = ConditionCompiler.compile(text(expression, where + ": 'when'"), NODES.line(expression));
        } else if (!isTrue(fallback.getValueNode())) {
            throw NODES.error(fallback.getValueNode(), where + ": 'default' can only be true; give other rules a 'when'");
        }
        Route route = route(NODES.required(rule, "route", node, where), where);
        return new Rule(name, condition, route, NODES.line(node));
    }

    private Route route(Node node, String where) throws RoutingRulesException {
        Map<String, NodeTuple> route = NODES.mapping(node, where + ": 'route'", ROUTE_KEYS);
        String group = route.containsKey("group") ? text(NODES.value(route, "group"), where + ": 'group'") : null;
        Priority priority = null;
        if (route.containsKey("priority")) {
            Node priorityNode = NODES.value(route, "priority");
            String value = text(priorityNode, where + ": 'priority'");
            priority = Priority.fromValue(value).orElseThrow(() -> NODES.error(priorityNode, where
                    + ": 'priority' must be one of " + allowed(Stream.of(Priority.values()).map(Priority::value))));
        }
        List<String> tags = route.containsKey("tags") ? tags(NODES.value(route, "tags"), where) : List.of();
        Assignee assignee = route.containsKey("assignee") ? assignee(NODES.value(route, "assignee"), where) : null;
        return new Route(group, priority, tags, assignee);
    }

    private static List<String> tags(Node node, String where) throws RoutingRulesException {
        List<String> tags = new ArrayList<>();
        for (Node tagNode : NODES.sequence(node, where + ": 'tags'")) {
            String tag = text(tagNode, where + ": a tag");
            if (tag.chars().anyMatch(Character::isWhitespace)) {
                throw NODES.error(tagNode, where + ": tag '" + tag + "' contains a space, which Zendesk tags cannot");
            }
            tags.add(tag);
        }
        return tags;
    }

    private static Assignee assignee(Node node, String where) throws RoutingRulesException {
        String context = where + ": 'assignee'";
        Map<String, NodeTuple> assignee = NODES.mapping(node, context, ASSIGNEE_KEYS);
        Node strategyNode = NODES.required(assignee, "strategy", node, context);
        String value = text(strategyNode, context + " 'strategy'");
        AssigneeStrategy strategy = AssigneeStrategy.fromValue(value).orElseThrow(() -> NODES.error(strategyNode, context
                + " 'strategy' must be one of " + allowed(Stream.of(AssigneeStrategy.values()).map(AssigneeStrategy::value))));
        String needed = strategy == AssigneeStrategy.FIXED ? "agent" : "agents";
        String other = strategy == AssigneeStrategy.FIXED ? "agents" : "agent";
        if (assignee.containsKey(other)) {
            throw NODES.error(assignee.get(other).getKeyNode(), context + " with strategy " + strategy.value()
                    + " takes '" + needed + "', not '" + other + "'");
        }
        Node agentsNode = NODES.required(assignee, needed, node, context + " with strategy " + strategy.value());
        if (strategy == AssigneeStrategy.FIXED) {
            return new Assignee(strategy, List.of(text(agentsNode, context + " 'agent'")));
        }
        List<Node> agentNodes = NODES.sequence(agentsNode, context + " 'agents'");
        if (agentNodes.isEmpty()) {
            throw NODES.error(agentsNode, context + " 'agents' must list at least one agent");
        }
        List<String> agents = new ArrayList<>();
        for (Node agent : agentNodes) {
            agents.add(text(agent, context + " an agent"));
        }
        return new Assignee(strategy, agents);
    }

    /**
     * A non-blank string. Integers are accepted as text because Zendesk group and agent ids are numbers that YAML
     * would otherwise read as integers unless quoted.
     */
    private static String text(Node node, String what) throws RoutingRulesException {
        return NODES.text(node, what, true);
    }

    private static boolean isTrue(Node node) {
        return Tag.BOOL.equals(node.getTag()) && YAML_TRUE.contains(((ScalarNode) node).getValue().toLowerCase(Locale.ROOT));
    }

    private static String allowed(Stream<String> values) {
        return values.collect(Collectors.joining(", "));
    }
}
