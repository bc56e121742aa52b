package dev.liaison.connector.api;

/** Exports what the remote system holds about one data subject, as a JSON document. */
public interface SubjectExporter {

    String export(ConnectionContext connection, SubjectIdentifiers subject) throws RemoteSystemException;
}
