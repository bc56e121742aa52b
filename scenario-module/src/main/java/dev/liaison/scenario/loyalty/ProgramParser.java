package dev.liaison.scenario.loyalty;

import dev.liaison.scenario.routing.Condition;
import dev.liaison.scenario.routing.ConditionCompiler;
import dev.liaison.scenario.routing.RoutingRulesException;
import dev.liaison.scenario.yaml.YamlNodes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates a loyalty program file. Like the routing rules parser it works on YAML nodes, which keep their
 * position, so that every error names the line it is about.
 */
final class ProgramParser {

    private static final YamlNodes<LoyaltyProgramException> NODES = new YamlNodes<>(LoyaltyProgramException::new);

    static final String DEAL_WON = "deal.won";
    static final List<String> VARIABLES = List.of("deal", "profile", "loyalty");

    private static final List<String> FILE_KEYS = List.of("earning", "tiers", "expiry");
    private static final List<String> RULE_KEYS = List.of("name", "trigger", "when", "points-per-unit", "rounding");
    private static final List<String> TIERS_KEYS = List.of("window", "levels");
    private static final List<String> LEVEL_KEYS = List.of("name", "threshold");
    private static final List<String> EXPIRY_KEYS = List.of("after");
    private static final Map<String, RoundingMode> ROUNDING = Map.of("down", RoundingMode.DOWN,
            "half-up", RoundingMode.HALF_UP, "up", RoundingMode.UP);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private ProgramParser() {
    }

    static LoyaltyProgram parse(String yaml) throws LoyaltyProgramException {
        Node root = NODES.compose(yaml, "the file is empty; it needs 'earning', 'tiers' and 'expiry'");
        Map<String, NodeTuple> file = NODES.mapping(root, "the file", FILE_KEYS);
        List<EarningRule> earning = earning(NODES.required(file, "earning", root, "the file"));
        Node tiersNode = NODES.required(file, "tiers", root, "the file");
        Map<String, NodeTuple> tiers = NODES.mapping(tiersNode, "'tiers'", TIERS_KEYS);
        Period window = period(NODES.required(tiers, "window", tiersNode, "'tiers'"), "'tiers' 'window'");
        List<Tier> levels = levels(NODES.required(tiers, "levels", tiersNode, "'tiers'"));
        Node expiryNode = NODES.required(file, "expiry", root, "the file");
        Map<String, NodeTuple> expiry = NODES.mapping(expiryNode, "'expiry'", EXPIRY_KEYS);
        Period after = period(NODES.required(expiry, "after", expiryNode, "'expiry'"), "'expiry' 'after'");
        return new LoyaltyProgram(earning, levels, window, after);
    }

    private static List<EarningRule> earning(Node node) throws LoyaltyProgramException {
        Set<String> names = new HashSet<>();
        List<EarningRule> rules = new ArrayList<>();
        List<Node> ruleNodes = NODES.sequence(node, "'earning'");
        for (int i = 0; i < ruleNodes.size(); i++) {
            Node ruleNode = ruleNodes.get(i);
            Map<String, NodeTuple> rule = NODES.mapping(ruleNode, "earning rule " + (i + 1), RULE_KEYS);
            Node nameNode = NODES.required(rule, "name", ruleNode, "earning rule " + (i + 1));
            String name = text(nameNode, "'name'");
            if (!names.add(name)) {
                throw NODES.error(nameNode, "duplicate earning rule name '" + name + "'");
            }
            String where = "earning rule '" + name + "'";
            Node triggerNode = NODES.required(rule, "trigger", ruleNode, where);
            if (!DEAL_WON.equals(text(triggerNode, where + ": 'trigger'"))) {
                throw NODES.error(triggerNode, where + ": 'trigger' must be " + DEAL_WON);
            }
            Condition condition = rule.containsKey("when") ? condition(NODES.value(rule, "when"), where) : null;
            Map<String, BigDecimal> rates = rates(NODES.required(rule, "points-per-unit", ruleNode, where), where);
            RoundingMode rounding = RoundingMode.DOWN;
            if (rule.containsKey("rounding")) {
                Node roundingNode = NODES.value(rule, "rounding");
                rounding = ROUNDING.get(text(roundingNode, where + ": 'rounding'"));
                if (rounding == null) {
                    throw NODES.error(roundingNode, where + ": 'rounding' must be one of "
                            + ROUNDING.keySet().stream().sorted().collect(Collectors.joining(", ")));
                }
            }
            rules.add(new EarningRule(name, condition, rates, rounding, NODES.line(ruleNode)));
        }
        return rules;
    }

    private static Condition condition(Node expression, String where) throws LoyaltyProgramException {
        if (!Tag.STR.equals(expression.getTag())) {
            throw NODES.error(expression, where + ": 'when' must be a string, not " + NODES.describe(expression));
        }
        try {
            return ConditionCompiler.compile(text(expression, where + ": 'when'"), NODES.line(expression), VARIABLES);
        } catch (RoutingRulesException e) {
            throw new LoyaltyProgramException(e.line(), where + ": " + e.reason());
        }
    }

    private static Map<String, BigDecimal> rates(Node node, String where) throws LoyaltyProgramException {
        if (!(node instanceof MappingNode) || ((MappingNode) node).getValue().isEmpty()) {
            throw NODES.error(node, where + ": 'points-per-unit' must map at least one currency code to a rate");
        }
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (NodeTuple entry : ((MappingNode) node).getValue()) {
            Node currencyNode = entry.getKeyNode();
            String currency = currencyNode instanceof ScalarNode scalar ? scalar.getValue() : "";
            if (!Tag.STR.equals(currencyNode.getTag()) || !CURRENCY.matcher(currency).matches()) {
                throw NODES.error(currencyNode, where + ": '" + currency + "' is not an ISO 4217 code such as RUB");
            }
            if (rates.containsKey(currency)) {
                throw NODES.error(currencyNode, where + ": duplicate currency " + currency);
            }
            Node rateNode = entry.getValueNode();
            if (!Tag.INT.equals(rateNode.getTag()) && !Tag.FLOAT.equals(rateNode.getTag())) {
                throw NODES.error(rateNode, where + ": the rate of " + currency + " must be a number, not "
                        + NODES.describe(rateNode));
            }
            BigDecimal rate;
            try {
                rate = new BigDecimal(((ScalarNode) rateNode).getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw NODES.error(rateNode, where + ": the rate of " + currency + " must be a plain decimal number");
            }
            if (rate.signum() <= 0) {
                throw NODES.error(rateNode, where + ": the rate of " + currency + " must be greater than 0");
            }
            rates.put(currency, rate);
        }
        return rates;
    }

    private static List<Tier> levels(Node node) throws LoyaltyProgramException {
        List<Node> levelNodes = NODES.sequence(node, "'tiers' 'levels'");
        if (levelNodes.isEmpty()) {
            throw NODES.error(node, "'tiers' 'levels' must list at least the base tier (threshold 0)");
        }
        Set<String> names = new HashSet<>();
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < levelNodes.size(); i++) {
            Node levelNode = levelNodes.get(i);
            Map<String, NodeTuple> level = NODES.mapping(levelNode, "tier " + (i + 1), LEVEL_KEYS);
            Node nameNode = NODES.required(level, "name", levelNode, "tier " + (i + 1));
            String name = text(nameNode, "a tier's 'name'");
            if (name.length() > 60) {
                throw NODES.error(nameNode, "tier name '" + name + "' is longer than 60 characters");
            }
            if (!names.add(name)) {
                throw NODES.error(nameNode, "duplicate tier name '" + name + "'");
            }
            Node thresholdNode = NODES.required(level, "threshold", levelNode, "tier '" + name + "'");
            long threshold = wholeNumber(thresholdNode, "tier '" + name + "': 'threshold'");
            if (i == 0 && threshold != 0) {
                throw NODES.error(thresholdNode, "the first tier '" + name + "' is the base tier; its threshold must be 0");
            }
            if (i > 0 && threshold <= tiers.get(i - 1).threshold()) {
                throw NODES.error(thresholdNode, "tier '" + name + "': thresholds must rise from one tier to the next");
            }
            tiers.add(new Tier(name, threshold));
        }
        return tiers;
    }

    private static long wholeNumber(Node node, String what) throws LoyaltyProgramException {
        if (!Tag.INT.equals(node.getTag())) {
            throw NODES.error(node, what + " must be a whole number, not " + NODES.describe(node));
        }
        try {
            long value = Long.parseLong(((ScalarNode) node).getValue().replace("_", ""));
            if (value < 0) {
                throw NODES.error(node, what + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw NODES.error(node, what + " must be a plain decimal whole number");
        }
    }

    private static Period period(Node node, String what) throws LoyaltyProgramException {
        String text = text(node, what);
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            throw NODES.error(node, what + " must be an ISO-8601 period such as P12M or P365D");
        }
        if (period.isNegative() || period.isZero()) {
            throw NODES.error(node, what + " must be longer than zero");
        }
        return period;
    }

    private static String text(Node node, String what) throws LoyaltyProgramException {
        return NODES.text(node, what, false);
    }
}
