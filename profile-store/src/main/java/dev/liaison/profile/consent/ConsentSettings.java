package dev.liaison.profile.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The purposes and channels consent can be given for, and the controller named on consent receipts. */
@ApplicationScoped
public class ConsentSettings {

    /** Service messages (order updates, ticket replies) need no marketing consent. */
    public static final String SERVICE = "service";

    private final Set<String> purposes;
    private final Set<String> channels;
    private final Receipts receipts;

    /** What a Kantara consent receipt says about the controller. */
    public record Receipts(String jurisdiction, String language, String controller, String contact, String email,
                           String address, String phone, String policyUrl) {
    }

    @Inject
    public ConsentSettings(
            @ConfigProperty(name = "liaison.consent.purposes",
                    defaultValue = "marketing_email,marketing_sms,loyalty,profiling,service") List<String> purposes,
            @ConfigProperty(name = "liaison.consent.channels",
                    defaultValue = "email,sms,phone,push,messenger,any") List<String> channels,
            @ConfigProperty(name = "liaison.consent.receipt.jurisdiction", defaultValue = "RU") String jurisdiction,
            @ConfigProperty(name = "liaison.consent.receipt.language", defaultValue = "ru") String language,
            @ConfigProperty(name = "liaison.consent.receipt.controller", defaultValue = "Data controller")
            String controller,
            @ConfigProperty(name = "liaison.consent.receipt.contact", defaultValue = "Data protection officer")
            String contact,
            @ConfigProperty(name = "liaison.consent.receipt.email", defaultValue = "privacy@example.com") String email,
            @ConfigProperty(name = "liaison.consent.receipt.address", defaultValue = "-") String address,
            @ConfigProperty(name = "liaison.consent.receipt.phone", defaultValue = "-") String phone,
            @ConfigProperty(name = "liaison.consent.receipt.policy-url", defaultValue = "https://example.com/privacy")
            String policyUrl) {
        this.purposes = purposes == null ? Set.of() : new LinkedHashSet<>(purposes.stream().map(String::trim).toList());
        this.channels = channels == null ? Set.of() : new LinkedHashSet<>(channels.stream().map(String::trim).toList());
        this.receipts = new Receipts(jurisdiction, language, controller, contact, email, address, phone, policyUrl);
    }

    /** For the CDI client proxy only. */
    protected ConsentSettings() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    public Set<String> purposes() {
        return purposes;
    }

    public Set<String> channels() {
        return channels;
    }

    public Receipts receipts() {
        return receipts;
    }
}
