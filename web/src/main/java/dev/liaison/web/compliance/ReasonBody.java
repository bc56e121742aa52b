package dev.liaison.web.compliance;

/** The body of reject and extend: the reason recorded with the request and told to the person. */
public record ReasonBody(String reason) {
}
