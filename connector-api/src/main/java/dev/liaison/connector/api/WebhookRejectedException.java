package dev.liaison.connector.api;

/** A webhook delivery failed verification. The message says why, and never contains the secret. */
public class WebhookRejectedException extends Exception {

    public WebhookRejectedException(String reason) {
        super(reason);
    }
}
