package dev.liaison.profile.compliance;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectIdentifiers;
import java.util.List;
import java.util.Set;

/**
 * The connected systems a request fans out to. The web module implements it with the connector registry; the
 * profile store only decides what to ask of which system and records the answer. Calls run inside the request
 * step's transaction, in the request's workspace, and may take as long as the remote system does.
 */
public interface SubjectSystems {

    /** An active connection of the current workspace and what its connector can do for a data subject. */
    record Target(String connectionId, String kind, Set<Capability> capabilities) {

        public Target {
            capabilities = Set.copyOf(capabilities);
        }
    }

    List<Target> targets();

    /** @throws RemoteSystemException also when the connection is gone or disabled (not retryable) */
    SubjectEraser.Outcome erase(String connectionId, SubjectIdentifiers subject) throws RemoteSystemException;

    /** The remote system's JSON document about the person. */
    String export(String connectionId, SubjectIdentifiers subject) throws RemoteSystemException;
}
