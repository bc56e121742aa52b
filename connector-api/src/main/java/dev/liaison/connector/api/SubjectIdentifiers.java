package dev.liaison.connector.api;

import java.util.List;

/** Everything Liaison knows that identifies one data subject in a remote system. */
public record SubjectIdentifiers(List<String> emails, List<String> phones, List<ExternalRef> externalRefs) {

    public SubjectIdentifiers {
        emails = List.copyOf(emails == null ? List.of() : emails);
        phones = List.copyOf(phones == null ? List.of() : phones);
        externalRefs = List.copyOf(externalRefs == null ? List.of() : externalRefs);
    }
}
