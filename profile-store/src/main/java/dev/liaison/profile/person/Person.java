package dev.liaison.profile.person;

import dev.liaison.profile.identity.Identity;
import java.time.Instant;
import java.util.List;

/** One line of the people list: enough to recognise a person and open the profile. */
public record Person(String id, ProfileStatus status, Instant createdAt, Instant updatedAt, String firstName,
                     String lastName, List<Identity> identities) {

    public Person {
        identities = List.copyOf(identities);
    }
}
