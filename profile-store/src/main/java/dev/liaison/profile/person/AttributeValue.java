package dev.liaison.profile.person;

import java.time.Instant;

/** One attribute value with its provenance: the source and the time the source says it was true. */
public record AttributeValue(String name, String value, Source source, Instant sourceTime) {

    /**
     * The conflict rule: per attribute, the value with the most recent source time wins. On a tie the incoming
     * value wins, so that a source correcting itself within the same second is not ignored.
     */
    public boolean supersedes(AttributeValue current) {
        return current == null || !sourceTime.isBefore(current.sourceTime());
    }
}
