package dev.liaison.scenario.yaml;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Shape checks shared by Liaison's YAML files (routing rules, the loyalty program): each failure names the line
 * and what was expected, through the file's own exception type, so an admin sees where the file went wrong.
 *
 * @param <E> the exception a file's parser reports, built from a 1-based line and a reason
 */
public final class YamlNodes<E extends Exception> {

    private final BiFunction<Integer, String, E> failure;

    public YamlNodes(BiFunction<Integer, String, E> failure) {
        this.failure = failure;
    }

    /** The document's root node; a YAML syntax error names its line, an empty file says what it needs. */
    public Node compose(String yaml, String emptyFileReason) throws E {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = Stream.of(e.getContext(), e.getProblem()).filter(part -> part != null)
                    .collect(Collectors.joining(", "));
            throw failure.apply(mark == null ? 1 : mark.getLine() + 1, "not valid YAML: " + problem);
        } catch (YAMLException e) {
            throw failure.apply(1, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw failure.apply(1, emptyFileReason);
        }
        return root;
    }

    /** A non-blank string, trimmed; with {@code numbersAsText}, an integer is taken as its digits. */
    public String text(Node node, String what, boolean numbersAsText) throws E {
        boolean accepted = Tag.STR.equals(node.getTag()) || numbersAsText && Tag.INT.equals(node.getTag());
        if (!(node instanceof ScalarNode) || !accepted) {
            throw error(node, what + " must be a string, not " + describe(node));
        }
        String value = ((ScalarNode) node).getValue().trim();
        if (value.isEmpty()) {
            throw error(node, what + " must not be empty");
        }
        return value;
    }

    /** The mapping's entries by key, refusing duplicate and unknown keys. */
    public Map<String, NodeTuple> mapping(Node node, String what, List<String> allowedKeys) throws E {
        if (!(node instanceof MappingNode)) {
            throw error(node, what + " must be a mapping, not " + describe(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple entry : ((MappingNode) node).getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                throw error(keyNode, what + " has a key that is not a plain word");
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (!allowedKeys.contains(key)) {
                throw error(keyNode, "unknown key '" + key + "' in " + what + "; allowed: "
                        + String.join(", ", allowedKeys));
            }
            if (entries.put(key, entry) != null) {
                throw error(keyNode, "duplicate key '" + key + "' in " + what);
            }
        }
        return entries;
    }

    public Node required(Map<String, NodeTuple> entries, String key, Node parent, String what) throws E {
        if (!entries.containsKey(key)) {
            throw error(parent, what + " is missing '" + key + "'");
        }
        return value(entries, key);
    }

    public Node value(Map<String, NodeTuple> entries, String key) {
        return entries.get(key).getValueNode();
    }

    public List<Node> sequence(Node node, String what) throws E {
        if (!(node instanceof SequenceNode)) {
            throw error(node, what + " must be a list, not " + describe(node));
        }
        return ((SequenceNode) node).getValue();
    }

    public String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "empty";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        if (Tag.STR.equals(tag)) {
            return "a string";
        }
        return "a value tagged " + tag.getValue();
    }

    public E error(Node node, String reason) {
        return failure.apply(line(node), reason);
    }

    public int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
