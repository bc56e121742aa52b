package dev.liaison.connector.api;

/**
 * How deeply a JSON document from outside may nest. Nothing Liaison reads nests beyond a handful of levels, while a
 * deeply nested document costs a stack frame per level in every reader and mapper after the parser. The check only
 * counts brackets outside strings, needs no JSON library, and stops at the first level too deep; whether the
 * document is valid JSON is left to the parser that reads it afterwards.
 */
public final class JsonLimits {

    public static final int MAX_DEPTH = 32;

    private JsonLimits() {
    }

    public static boolean tooDeep(byte[] document) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : document) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }

    /** Names the problem for a {@link MalformedPayloadException} or a problem document. */
    public static String tooDeepMessage() {
        return "nests deeper than " + MAX_DEPTH + " levels";
    }
}
