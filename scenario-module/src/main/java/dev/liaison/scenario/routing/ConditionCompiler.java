package dev.liaison.scenario.routing;

import jakarta.el.ELException;
import jakarta.el.ELManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a condition at load time, so that a typo is reported with its line when the file is uploaded instead of
 * silently never matching, and lists the variable paths it reads.
 *
 * <p>The paths come from a small scan of the expression text rather than from the EL parser, whose syntax tree is
 * not part of the Jakarta EL API: identifiers followed by {@code .name}, {@code ['key']} or {@code [0]} segments,
 * stopping before a method call ({@code deals.stream()} reads {@code deals}) and skipping EL keywords and lambda
 * parameters.
 *
 * <p>The same scan refuses what would reach beyond the variables: any other name (a class such as {@code Runtime},
 * {@code System} or {@code Math}, or a container object such as {@code pageContext}), function calls
 * ({@code T(...)}, {@code fn:x()}), methods other than the few pure ones {@link FactsELContext} allows,
 * calls on a computed value ({@code x['getClass']()}, {@code (x -> x)(1)}) and properties such as {@code class}.
 * Conditions are evaluated in a {@link FactsELContext} as well, which refuses the same at run time.
 */
public final class ConditionCompiler {

    private static final List<String> ROUTING_VARIABLES = List.of("ticket", "profile", "deals", "loyalty");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
            "true", "false", "null", "empty", "instanceof", "div", "mod");
    private static final Pattern SINGLE_LAMBDA_PARAMETER = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*->");
    private static final Pattern LAMBDA_PARAMETER_LIST = Pattern.compile("\\(([\\w$\\s,]*)\\)\\s*->");
    // A lone '=' is EL's assignment operator; '==', '!=', '<=', '>=', '->' and the '+=' concatenation are not.
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![=!<>+])=(?![=>])");
    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");
    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern MEMBER = Pattern.compile("\\.\\s*(" + IDENTIFIER + ")(\\s*\\()?");
    // EL calls whatever a bracket or a parenthesis gives: x['getClass'](), (x -> x.y)(1).
    private static final Pattern CALL_ON_VALUE = Pattern.compile("[\\])]\\s*\\(");
    /** What reflection hangs off: read as a map key these are harmless, but no fact is named so. */
    private static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass",
            "module", "protectionDomain");
    private static final SortedSet<String> ALLOWED_METHODS = allowedMethods();

    private ConditionCompiler() {
    }

    static Condition compile(String expression, int line) throws RoutingRulesException {
        return compile(expression, line, ROUTING_VARIABLES);
    }

    /** For condition languages other than routing's: the same checks over another set of variables. */
    public static Condition compile(String expression, int line, List<String> variables)
            throws RoutingRulesException {
        String code = blankStringLiterals(expression);
        Optional<String> overBudget = ExpressionBudget.exceeded(expression, code);
        if (overBudget.isPresent()) {
            throw new RoutingRulesException(line, overBudget.get());
        }
        if (code.contains("${") || code.contains("#{")) {
            throw new RoutingRulesException(line, "write the condition without ${ } or #{ }");
        }
        if (ASSIGNMENT.matcher(code).find() || code.contains(";")) {
            throw new RoutingRulesException(line, "a condition must not assign ('=') or chain (';'); use '==' to compare");
        }
        checkSyntax(expression, line);
        checkMembers(code, line);
        checkBracketKeys(expression, line);
        Set<String> lambdaParameters = lambdaParameters(code);
        for (String parameter : lambdaParameters) {
            if (!parameter.isEmpty() && Character.isUpperCase(parameter.charAt(0))) {
                throw new RoutingRulesException(line, "write the lambda parameter '" + parameter
                        + "' in lower case; capitalised names are Java classes");
            }
        }
        List<String> paths = new ArrayList<>();
        for (Reference reference : new Scanner(expression, lambdaParameters).references()) {
            checkRoot(reference, line, variables);
            paths.add(reference.path());
        }
        return new Condition(expression, List.copyOf(new LinkedHashSet<>(paths)));
    }

    private static void checkRoot(Reference reference, int line, List<String> variables)
            throws RoutingRulesException {
        String root = reference.root();
        if (reference.function()) {
            throw new RoutingRulesException(line, "'" + root + "(...)' calls a function; conditions have none, only "
                    + "the methods " + String.join(", ", ALLOWED_METHODS));
        }
        if (variables.contains(root)) {
            return;
        }
        if (Character.isUpperCase(root.charAt(0))) {
            throw new RoutingRulesException(line, "'" + root + "' names a Java class; conditions can only read "
                    + String.join(", ", variables));
        }
        throw new RoutingRulesException(line, "unknown variable '" + root + "'; conditions can use "
                + String.join(", ", variables));
    }

    /** Methods called by name ({@code .name(}) must be allowed ones, and no property may be a reflective one. */
    private static void checkMembers(String code, int line) throws RoutingRulesException {
        if (CALL_ON_VALUE.matcher(code).find()) {
            throw new RoutingRulesException(line, "call methods by name, as in ticket.tags.contains('vip'); "
                    + "a condition cannot call what a bracket or a parenthesis gives");
        }
        Matcher member = MEMBER.matcher(code);
        while (member.find()) {
            String name = member.group(1);
            boolean call = member.group(2) != null;
            if (call && !ALLOWED_METHODS.contains(name)) {
                throw new RoutingRulesException(line, "conditions cannot call '" + name + "'; they can call "
                        + String.join(", ", ALLOWED_METHODS));
            }
            if (!call && FORBIDDEN_PROPERTIES.contains(name)) {
                throw new RoutingRulesException(line, "conditions cannot read '" + name + "'");
            }
        }
    }

    /** {@code x['class']} is {@code x.class} written with brackets. */
    private static void checkBracketKeys(String expression, int line) throws RoutingRulesException {
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfStringLiteral(expression, i);
                String key = expression.substring(i + 1, Math.max(i + 1, end - 1));
                if (FORBIDDEN_PROPERTIES.contains(key) && expression.substring(0, i).stripTrailing().endsWith("[")) {
                    throw new RoutingRulesException(line, "conditions cannot read '" + key + "'");
                }
                i = end;
            } else {
                i++;
            }
        }
    }

    private static SortedSet<String> allowedMethods() {
        SortedSet<String> methods = new TreeSet<>();
        methods.addAll(FactsELContext.STRING_METHODS);
        methods.addAll(FactsELContext.COLLECTION_METHODS);
        methods.addAll(FactsELContext.MAP_METHODS);
        methods.addAll(FactsELContext.STREAM_METHODS);
        methods.addAll(FactsELContext.OPTIONAL_METHODS);
        return Collections.unmodifiableSortedSet(methods);
    }

    private static void checkSyntax(String expression, int line) throws RoutingRulesException {
        try {
            ELManager.getExpressionFactory().createValueExpression(new FactsELContext(Map.of()),
                    "${" + expression + "}", Object.class);
        } catch (ELException e) {
            // The parser's message quotes the expression, which may hold literal values; only the position is kept.
            throw new RoutingRulesException(line, "the condition is not a valid EL expression" + position(e));
        } catch (StackOverflowError e) {
            // The budget keeps brackets shallow; a long run of unary operators can still recurse this deep.
            throw new RoutingRulesException(line, "the condition is nested too deeply to read");
        }
    }

    /** Where the parser stopped, shifted by the two characters of the "${" the expression was wrapped in. */
    private static String position(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Matcher column = COLUMN.matcher(String.valueOf(cause.getMessage()));
            if (column.find()) {
                return " (near character " + Math.max(1, Integer.parseInt(column.group(1)) - 2) + ")";
            }
        }
        return "";
    }

    private static Set<String> lambdaParameters(String code) {
        Set<String> parameters = new LinkedHashSet<>();
        Matcher single = SINGLE_LAMBDA_PARAMETER.matcher(code);
        while (single.find()) {
            parameters.add(single.group(1));
        }
        Matcher list = LAMBDA_PARAMETER_LIST.matcher(code);
        while (list.find()) {
            for (String parameter : list.group(1).split(",")) {
                parameters.add(parameter.trim());
            }
        }
        return parameters;
    }

    /** The expression with the contents of its string literals replaced by spaces, so operators inside them don't count. */
    static String blankStringLiterals(String expression) {
        StringBuilder code = new StringBuilder(expression);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfStringLiteral(expression, i);
                for (int j = i + 1; j < end - 1; j++) {
                    code.setCharAt(j, ' ');
                }
                i = end;
            } else {
                i++;
            }
        }
        return code.toString();
    }

    /** The index just past the closing quote of the literal opening at {@code start} (EL escapes with a backslash). */
    private static int endOfStringLiteral(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** A name at the root of a path, and whether it is called as a function ({@code T(...)}, {@code fn:x()}). */
    private record Reference(String root, String path, boolean function) {
    }

    /** One pass over the expression collecting variable references. */
    private static final class Scanner {

        private final String text;
        private final Set<String> lambdaParameters;
        private final List<Reference> references = new ArrayList<>();
        private int position;

        Scanner(String text, Set<String> lambdaParameters) {
            this.text = text;
            this.lambdaParameters = lambdaParameters;
        }

        List<Reference> references() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '\'' || c == '"') {
                    position = endOfStringLiteral(text, position);
                } else if (c == '.') {
                    // A member of something that is not a plain path, such as a method's result: not a variable.
                    position = skipIdentifier(skipSpaces(position + 1));
                } else if (Character.isDigit(c)) {
                    position = skipNumber(position);
                } else if (isIdentifierStart(c)) {
                    readReference();
                } else {
                    position++;
                }
            }
            return references;
        }

        private void readReference() {
            int end = skipIdentifier(position);
            String root = text.substring(position, end);
            position = end;
            int next = skipSpaces(position);
            boolean call = next < text.length() && text.charAt(next) == '(';
            boolean namespace = next < text.length() && text.charAt(next) == ':'
                    && next + 1 < text.length() && isIdentifierStart(text.charAt(next + 1));
            if (KEYWORDS.contains(root) || lambdaParameters.contains(root)) {
                return;
            }
            if (call || namespace) {
                references.add(new Reference(root, root, true));
                return;
            }
            StringBuilder path = new StringBuilder(root);
            for (String segment = nextSegment(); segment != null; segment = nextSegment()) {
                path.append(segment);
            }
            references.add(new Reference(root, path.toString(), false));
        }

        /** Consumes the next {@code .name}, {@code ['key']} or {@code [0]} segment; {@code null} at a method call. */
        private String nextSegment() {
            int next = skipSpaces(position);
            if (next >= text.length()) {
                return null;
            }
            if (text.charAt(next) == '.') {
                int start = skipSpaces(next + 1);
                if (start >= text.length() || !isIdentifierStart(text.charAt(start))) {
                    return null;
                }
                int end = skipIdentifier(start);
                int after = skipSpaces(end);
                if (after < text.length() && text.charAt(after) == '(') {
                    return null;
                }
                position = end;
                return "." + text.substring(start, end);
            }
            if (text.charAt(next) == '[') {
                int start = skipSpaces(next + 1);
                if (start >= text.length()) {
                    return null;
                }
                char c = text.charAt(start);
                int end;
                if (c == '\'' || c == '"') {
                    end = endOfStringLiteral(text, start);
                } else if (Character.isDigit(c)) {
                    end = skipNumber(start);
                } else {
                    return null;
                }
                int close = skipSpaces(end);
                if (close >= text.length() || text.charAt(close) != ']') {
                    return null;
                }
                position = close + 1;
                return "[" + text.substring(start, end) + "]";
            }
            return null;
        }

        private int skipSpaces(int from) {
            int i = from;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private int skipIdentifier(int from) {
            int i = from;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                    || text.charAt(i) == '$')) {
                i++;
            }
            return i;
        }

        /** Integer and decimal literals, with exponent; a following '.' member access is not part of them. */
        private int skipNumber(int from) {
            int i = from;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i))
                    || (text.charAt(i) == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))))) {
                i++;
            }
            return i;
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isLetter(c) || c == '_' || c == '$';
        }
    }
}
