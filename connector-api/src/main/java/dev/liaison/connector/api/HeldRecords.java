package dev.liaison.connector.api;

import java.util.List;

/**
 * The records of one connection that Liaison holds as a person's identity, for a connector whose system publishes no
 * deletions (Bitrix24 has no deletion feed over REST, and it never retries a missed {@code ONCRMCONTACTDELETE}): such a
 * connector reconciles deletions by asking its system which of these records still exist, and reports the others as
 * {@link ContactDeleted} in its {@link RecordSource} pages. Liaison provides the implementation as a CDI bean.
 *
 * <p>Read outside any transaction, between the pages of a sync: a record detached or added meanwhile is seen or not,
 * either is harmless, since a deletion reported twice detaches nothing more.
 */
public interface HeldRecords {

    /**
     * Up to {@code limit} external ids ({@link ExternalRef#id()}) of records of {@code connection}'s system that a
     * profile holds as an identity, in the order the store sorts them, strictly after {@code after}.
     *
     * @param after the last id of the previous call, or {@code null} for the first call
     */
    List<String> idsAfter(ConnectionContext connection, String after, int limit);
}
