package dev.liaison.profile.compliance;

/** The request is not in a state that allows this step (verify twice, extend twice, retry a completed one). */
public class RequestStateException extends Exception {

    public RequestStateException(String message) {
        super(message);
    }
}
