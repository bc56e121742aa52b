package dev.liaison.profile.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Identity resolution settings: the phone region for national numbers and which shared identities merge. */
@ApplicationScoped
public class IdentitySettings {

    private final IdentifierNormalizer normalizer;
    private final Set<IdentityKind> autoMerge;

    @Inject
    public IdentitySettings(
            @ConfigProperty(name = "liaison.identity.phone-region", defaultValue = "RU") String phoneRegion,
            @ConfigProperty(name = "liaison.identity.auto-merge", defaultValue = "EMAIL,PHONE") List<String> autoMerge) {
        this.normalizer = phoneRegion == null ? null : new IdentifierNormalizer(phoneRegion);
        this.autoMerge = EnumSet.noneOf(IdentityKind.class);
        if (autoMerge != null) {
            autoMerge.stream().map(String::trim).filter(kind -> !kind.isEmpty())
                    .map(kind -> IdentityKind.valueOf(kind.toUpperCase(Locale.ROOT)))
                    .forEach(this.autoMerge::add);
        }
    }

    /** For the CDI client proxy only. */
    protected IdentitySettings() {
        this(null, null);
    }

    public IdentifierNormalizer normalizer() {
        return normalizer;
    }

    /** Kinds whose sharing makes two profiles one person. External refs always identify their own profile. */
    public Set<IdentityKind> autoMerge() {
        return autoMerge;
    }
}
