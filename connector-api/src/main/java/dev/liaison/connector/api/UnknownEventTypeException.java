package dev.liaison.connector.api;

/**
 * A payload names an event type the connector does not know: counted apart from other malformed bodies, as it
 * usually means the sender was set up to post more than Liaison reads.
 */
public class UnknownEventTypeException extends MalformedPayloadException {

    public UnknownEventTypeException(String reason) {
        super(reason);
    }
}
