package dev.liaison.bench;

/** The system under test answered, but not with success; the message is the kind of failure, to be counted. */
final class RequestFailed extends Exception {

    RequestFailed(String kind) {
        super(kind, null, false, false);
    }
}
