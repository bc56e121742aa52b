package dev.liaison.profile.consent;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current consent of one person, derived by replaying the ledger: for every purpose and channel, the decision
 * that happened last (by the source's time, then by ledger order) stands.
 */
public final class ConsentState {

    public static final String ANY_CHANNEL = "any";

    public record Key(String purpose, String channel) {
    }

    private final Map<Key, ConsentRecord> current;

    private ConsentState(Map<Key, ConsentRecord> current) {
        this.current = current;
    }

    public static ConsentState replay(Collection<ConsentRecord> ledger) {
        Map<Key, ConsentRecord> current = new LinkedHashMap<>();
        ledger.stream()
                .sorted(Comparator.comparing(ConsentRecord::occurredAt).thenComparingLong(ConsentRecord::id))
                .forEach(entry -> current.put(new Key(entry.purpose(), entry.channel()), entry));
        return new ConsentState(current);
    }

    public List<ConsentRecord> decisions() {
        return List.copyOf(current.values());
    }

    /**
     * The decision that governs contact for this purpose on this channel: the channel's own, or a decision for
     * {@value #ANY_CHANNEL} channel, whichever is later.
     */
    public Optional<ConsentRecord> governing(String purpose, String channel) {
        Optional<ConsentRecord> specific = Optional.ofNullable(current.get(new Key(purpose, channel)));
        Optional<ConsentRecord> general = Optional.ofNullable(current.get(new Key(purpose, ANY_CHANNEL)));
        if (specific.isEmpty()) {
            return general;
        }
        if (general.isEmpty()) {
            return specific;
        }
        Comparator<ConsentRecord> order = Comparator.comparing(ConsentRecord::occurredAt)
                .thenComparingLong(ConsentRecord::id);
        return Optional.of(order.compare(specific.get(), general.get()) >= 0 ? specific.get() : general.get());
    }
}
