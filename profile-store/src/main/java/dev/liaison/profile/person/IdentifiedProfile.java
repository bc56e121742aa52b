package dev.liaison.profile.person;

import java.util.List;

/** A profile with every identity it holds, in the order they were added. */
public record IdentifiedProfile(ProfileEntity profile, List<IdentityEntity> identities) {

    public IdentifiedProfile {
        identities = List.copyOf(identities);
    }
}
