package dev.liaison.connectors.amocrm;

/**
 * An authorization step cannot proceed because of its input or the connection's settings; {@link #field()} names
 * the offending one (e.g. {@code state}, {@code referer}, {@code settings.clientId}). Messages never quote values.
 */
public class AmoAuthorizationException extends Exception {

    private final String field;

    public AmoAuthorizationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
