package dev.liaison.connector.api;

import java.util.Map;

/**
 * Writes values back to a CRM record, for scenario steps such as "write the loyalty tier to the contact". Only the
 * named fields change; a field the CRM does not know is the CRM's error to report, as a permanent
 * {@link RemoteSystemException}.
 */
public interface RecordWriter {

    /** The records a scenario can write to: the person's contact and the deal that triggered it. */
    enum Entity { CONTACT, DEAL }

    /**
     * @param fields field name (the CRM's own: {@code UF_CRM_TIER} in Bitrix24, a custom field's id or code in
     *               amoCRM) to its new value as text
     */
    void updateFields(ConnectionContext connection, Entity entity, String recordId, Map<String, String> fields)
            throws RemoteSystemException;
}
