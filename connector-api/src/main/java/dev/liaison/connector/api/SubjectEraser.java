package dev.liaison.connector.api;

/** Erases one data subject in the remote system and says what it did, as evidence for the compliance officer. */
public interface SubjectEraser {

    Outcome erase(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException;

    /** {@code evidence} is the remote system's own receipt (job id, status), free of personal data. */
    record Outcome(int recordsErased, String evidence) {
    }
}
