package dev.liaison.connector.api;

import java.net.URI;
import java.util.Objects;

/**
 * What Liaison answers to a callback, as the connector decides it: a status with a JSON document or an HTML page, or
 * a redirect. Refusals are not answers but {@link SetupRefusedException}s, which Liaison turns into problem documents.
 *
 * @param location where a redirect sends the browser; null for any other answer
 */
public record CallbackResponse(int status, String contentType, String body, URI location) {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html;charset=UTF-8";

    public CallbackResponse {
        if (status < 200 || status > 399) {
            throw new IllegalArgumentException("a callback answers 2xx or 3xx; refusals are SetupRefusedExceptions");
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? "" : body;
    }

    /** 200 with a JSON document, e.g. written with Jakarta JSON. */
    public static CallbackResponse json(String document) {
        return new CallbackResponse(200, JSON, document, null);
    }

    /** 200 with an HTML page. */
    public static CallbackResponse html(String page) {
        return new CallbackResponse(200, HTML, page, null);
    }

    /** 303 See Other: the browser is sent on to {@code location} with a GET. */
    public static CallbackResponse redirect(URI location) {
        return new CallbackResponse(303, HTML, "", Objects.requireNonNull(location, "location"));
    }
}
