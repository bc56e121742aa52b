package dev.liaison.scenario.engine;

import dev.liaison.connector.api.RecordWriter;
import dev.liaison.scenario.routing.Condition;
import dev.liaison.scenario.routing.ConditionCompiler;
import dev.liaison.scenario.routing.RoutingRulesException;
import dev.liaison.scenario.yaml.YamlNodes;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates a scenario file at load time, so that an admin learns of a typo with its line when uploading, not when
 * the scenario silently does nothing. Conditions and {@code ${...}} blanks are checked by the same compiler as routing
 * rules, over the variables a scenario sees: {@code event} (the trigger's facts, also as {@code deal} or
 * {@code ticket}), {@code profile} and {@code loyalty}.
 */
public final class ScenarioParser {

    public static final List<String> CHANNELS = List.of("email", "sms");
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern BLANK = Pattern.compile("\\$\\{([^}]*)}");
    private static final Duration LONGEST_WAIT = Duration.ofDays(3660);
    private static final YamlNodes<ScenarioException> NODES = new YamlNodes<>(ScenarioException::new);

    private static final List<String> FILE_KEYS = List.of("scenario", "description", "trigger", "once-per-profile",
            "steps");
    private static final List<String> TRIGGER_KEYS = List.of("event", "when");
    private static final List<String> STEP_KINDS = List.of("wait", "wait-until", "if", "award", "send", "write-crm",
            "route");
    private static final List<String> AWARD_KEYS = List.of("points", "reason");
    private static final List<String> SEND_KEYS = List.of("connection", "channel", "purpose", "template", "subject",
            "text", "variables");
    private static final List<String> WRITE_KEYS = List.of("record", "connection", "fields");
    private static final List<String> ROUTE_KEYS = List.of("group", "assignee", "priority", "tags");

    private final Set<String> purposes;

    /** @param purposes the consent purposes a {@code send} step may name (the configured ones) */
    public ScenarioParser(Set<String> purposes) {
        this.purposes = Set.copyOf(purposes);
    }

    public Scenario parse(String yaml) throws ScenarioException {
        Node root = NODES.compose(yaml, "the file is empty; it needs 'scenario', 'trigger' and 'steps'");
        Map<String, NodeTuple> file = NODES.mapping(root, "the file", FILE_KEYS);
        Node nameNode = NODES.required(file, "scenario", root, "the file");
        String name = NODES.text(nameNode, "'scenario'", false);
        if (!NAME.matcher(name).matches()) {
            throw NODES.error(nameNode, "'scenario' must be lower-case letters, digits and dashes (at most 100)");
        }
        String description = file.containsKey("description")
                ? NODES.text(NODES.value(file, "description"), "'description'", false) : null;
        Node triggerNode = NODES.required(file, "trigger", root, "the file");
        Map<String, NodeTuple> trigger = NODES.mapping(triggerNode, "'trigger'", TRIGGER_KEYS);
        Node eventNode = NODES.required(trigger, "event", triggerNode, "'trigger'");
        TriggerType type = TriggerType.byEventName(NODES.text(eventNode, "'trigger' 'event'", false))
                .orElseThrow(() -> NODES.error(eventNode, "'trigger' 'event' must be one of "
                        + String.join(", ", TriggerType.eventNames())));
        List<String> variables = variables(type);
        Condition when = trigger.containsKey("when")
                ? condition(NODES.value(trigger, "when"), "'trigger' 'when'", variables) : null;
        boolean once = file.containsKey("once-per-profile") && bool(NODES.value(file, "once-per-profile"));
        Node stepsNode = NODES.required(file, "steps", root, "the file");
        List<Node> stepNodes = NODES.sequence(stepsNode, "'steps'");
        if (stepNodes.isEmpty()) {
            throw NODES.error(stepsNode, "'steps' must list at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(stepNodes.get(i), i + 1, type, variables));
        }
        return new Scenario(name, description, type, when, once, steps);
    }

    /** The variables a scenario with this trigger can read. */
    public static List<String> variables(TriggerType type) {
        List<String> variables = new ArrayList<>(List.of("event", "profile", "loyalty"));
        type.alias().ifPresent(variables::add);
        return List.copyOf(variables);
    }

    private Step step(Node node, int number, TriggerType type, List<String> variables) throws ScenarioException {
        String where = "step " + number;
        Map<String, NodeTuple> entries = NODES.mapping(node, where, STEP_KINDS);
        if (entries.size() != 1) {
            throw NODES.error(node, where + " must be exactly one of " + String.join(", ", STEP_KINDS));
        }
        String kind = entries.keySet().iterator().next();
        Node value = NODES.value(entries, kind);
        int line = NODES.line(node);
        where = where + " (" + kind + ")";
        return switch (kind) {
            case "wait" -> new Step.Wait(line, duration(value, where));
            case "wait-until" -> new Step.WaitUntil(line, timeOfDay(value, where));
            case "if" -> new Step.If(line, condition(value, where, variables));
            case "award" -> award(value, line, where);
            case "send" -> send(value, line, where, variables);
            case "write-crm" -> writeCrm(value, line, where, type, variables);
            default -> route(value, line, where, type, variables);
        };
    }

    private static Step award(Node node, int line, String where) throws ScenarioException {
        Map<String, NodeTuple> award = NODES.mapping(node, where, AWARD_KEYS);
        Node pointsNode = NODES.required(award, "points", node, where);
        long points = positive(pointsNode, where + ": 'points'");
        String reason = award.containsKey("reason")
                ? NODES.text(NODES.value(award, "reason"), where + ": 'reason'", false) : null;
        return new Step.Award(line, points, reason);
    }

    private Step send(Node node, int line, String where, List<String> variables) throws ScenarioException {
        Map<String, NodeTuple> send = NODES.mapping(node, where, SEND_KEYS);
        String connection = NODES.text(NODES.required(send, "connection", node, where), where + ": 'connection'",
                false);
        Node channelNode = NODES.required(send, "channel", node, where);
        String channel = NODES.text(channelNode, where + ": 'channel'", false);
        if (!CHANNELS.contains(channel)) {
            throw NODES.error(channelNode, where + ": 'channel' must be one of " + String.join(", ", CHANNELS));
        }
        Node purposeNode = NODES.required(send, "purpose", node, where);
        String purpose = NODES.text(purposeNode, where + ": 'purpose'", false);
        if (!purposes.contains(purpose)) {
            throw NODES.error(purposeNode, where + ": 'purpose' must be one of " + String.join(", ",
                    purposes.stream().sorted().toList()));
        }
        String template = optionalText(send, "template", where, variables);
        String subject = optionalText(send, "subject", where, variables);
        String text = optionalText(send, "text", where, variables);
        if (template == null && text == null) {
            throw NODES.error(node, where + " needs a 'template' or a 'text'");
        }
        if ("email".equals(channel) && template == null && subject == null) {
            throw NODES.error(node, where + ": an e-mail without a 'template' needs a 'subject'");
        }
        if ("sms".equals(channel) && text == null) {
            throw NODES.error(node, where + ": an SMS needs a 'text'");
        }
        Map<String, String> values = send.containsKey("variables")
                ? textMap(NODES.value(send, "variables"), where + ": 'variables'", variables) : Map.of();
        return new Step.Send(line, connection, channel, purpose, template, subject, text, values);
    }

    private static Step writeCrm(Node node, int line, String where, TriggerType type, List<String> variables)
            throws ScenarioException {
        Map<String, NodeTuple> write = NODES.mapping(node, where, WRITE_KEYS);
        Node recordNode = NODES.required(write, "record", node, where);
        String recordName = NODES.text(recordNode, where + ": 'record'", false);
        RecordWriter.Entity record;
        if (recordName.equals("contact")) {
            record = RecordWriter.Entity.CONTACT;
        } else if (recordName.equals("deal")) {
            if (type != TriggerType.DEAL_WON) {
                throw NODES.error(recordNode, where + ": 'record: deal' needs a deal.won trigger");
            }
            record = RecordWriter.Entity.DEAL;
        } else {
            throw NODES.error(recordNode, where + ": 'record' must be contact or deal");
        }
        String connection = write.containsKey("connection")
                ? NODES.text(NODES.value(write, "connection"), where + ": 'connection'", false) : null;
        if (connection == null && (type == TriggerType.TIER_CHANGED || type == TriggerType.CONSENT_GRANTED)) {
            throw NODES.error(node, where + " needs a 'connection': a " + type.eventName()
                    + " trigger comes from no CRM");
        }
        Node fieldsNode = NODES.required(write, "fields", node, where);
        Map<String, String> fields = textMap(fieldsNode, where + ": 'fields'", variables);
        if (fields.isEmpty()) {
            throw NODES.error(fieldsNode, where + ": 'fields' must name at least one field");
        }
        return new Step.WriteCrm(line, record, connection, fields);
    }

    private static Step route(Node node, int line, String where, TriggerType type, List<String> variables)
            throws ScenarioException {
        if (type != TriggerType.TICKET_SOLVED) {
            throw NODES.error(node, where + " needs a ticket trigger (ticket.solved)");
        }
        Map<String, NodeTuple> route = NODES.mapping(node, where, ROUTE_KEYS);
        if (route.isEmpty()) {
            throw NODES.error(node, where + " must set at least one of " + String.join(", ", ROUTE_KEYS));
        }
        List<String> tags = new ArrayList<>();
        if (route.containsKey("tags")) {
            for (Node tag : NODES.sequence(NODES.value(route, "tags"), where + ": 'tags'")) {
                tags.add(NODES.text(tag, where + ": a tag", true));
            }
        }
        return new Step.Route(line, optionalText(route, "group", where, variables),
                optionalText(route, "assignee", where, variables),
                optionalText(route, "priority", where, variables), tags);
    }

    private static String optionalText(Map<String, NodeTuple> entries, String key, String where,
                                       List<String> variables) throws ScenarioException {
        if (!entries.containsKey(key)) {
            return null;
        }
        Node node = NODES.value(entries, key);
        String text = NODES.text(node, where + ": '" + key + "'", true);
        checkBlanks(text, node, where + ": '" + key + "'", variables);
        return text;
    }

    private static Map<String, String> textMap(Node node, String where, List<String> variables)
            throws ScenarioException {
        if (!(node instanceof MappingNode mapping)) {
            throw NODES.error(node, where + " must be a mapping, not " + NODES.describe(node));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            String key = NODES.text(entry.getKeyNode(), where + ": a name", true);
            String value = NODES.text(entry.getValueNode(), where + ": '" + key + "'", true);
            checkBlanks(value, entry.getValueNode(), where + ": '" + key + "'", variables);
            if (values.put(key, value) != null) {
                throw NODES.error(entry.getKeyNode(), where + ": duplicate name '" + key + "'");
            }
        }
        return values;
    }

    private static void checkBlanks(String text, Node node, String where, List<String> variables)
            throws ScenarioException {
        if (text.contains("#{")) {
            // EL would evaluate it as a deferred expression, unchecked by the loop below.
            throw NODES.error(node, where + ": write blanks as ${...}; '#{' is not allowed in a text");
        }
        Matcher blank = BLANK.matcher(text);
        while (blank.find()) {
            try {
                ConditionCompiler.compile(blank.group(1), NODES.line(node), variables);
            } catch (RoutingRulesException e) {
                throw new ScenarioException(e.line(), where + ": ${" + blank.group(1) + "}: " + e.reason());
            }
        }
    }

    private static Condition condition(Node node, String where, List<String> variables) throws ScenarioException {
        String expression = NODES.text(node, where, false);
        try {
            return ConditionCompiler.compile(expression, NODES.line(node), variables);
        } catch (RoutingRulesException e) {
            throw new ScenarioException(e.line(), where + ": " + e.reason());
        }
    }

    private static Duration duration(Node node, String where) throws ScenarioException {
        String text = NODES.text(node, where, false);
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw NODES.error(node, where + " must be an ISO-8601 duration such as PT48H or P3D");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_WAIT) > 0) {
            throw NODES.error(node, where + " must be longer than zero and at most " + LONGEST_WAIT.toDays()
                    + " days");
        }
        return duration;
    }

    private static LocalTime timeOfDay(Node node, String where) throws ScenarioException {
        String text = NODES.text(node, where, false);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw NODES.error(node, where + " must be a time of day such as \"10:00\" (quoted)");
        }
    }

    private static long positive(Node node, String what) throws ScenarioException {
        if (!Tag.INT.equals(node.getTag())) {
            throw NODES.error(node, what + " must be a whole number, not " + NODES.describe(node));
        }
        try {
            long value = Long.parseLong(((ScalarNode) node).getValue().replace("_", ""));
            if (value <= 0) {
                throw NODES.error(node, what + " must be greater than 0");
            }
            return value;
        } catch (NumberFormatException e) {
            throw NODES.error(node, what + " must be a plain decimal whole number");
        }
    }

    private static boolean bool(Node node) throws ScenarioException {
        if (!Tag.BOOL.equals(node.getTag())) {
            throw NODES.error(node, "'once-per-profile' must be true or false, not " + NODES.describe(node));
        }
        return Set.of("true", "yes", "on").contains(((ScalarNode) node).getValue().toLowerCase(Locale.ROOT));
    }
}
