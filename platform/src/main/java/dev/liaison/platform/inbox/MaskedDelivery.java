package dev.liaison.platform.inbox;

import dev.liaison.platform.privacy.PayloadMask;
import dev.liaison.platform.privacy.PersonalDataMask;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * A stored delivery as an admin may look at it: the entry's state (its body left out, its last error scrubbed) and the body walked with
 * {@link PayloadMask}, personal data masked, ids, types, statuses and times kept. Headers and the query string are
 * not shown: they carry the sender's signature or the connection's URL secret.
 */
public record MaskedDelivery(InboxEntry entry, JsonValue payload) {

    /** The entry's body masked; the entry itself is kept without it. */
    public static MaskedDelivery of(InboxEntry entry) {
        InboxEntry withoutBody = new InboxEntry(entry.id(), entry.workspaceId(), entry.connectionId(),
                entry.dedupKey(), entry.contentType(), Map.of(), null, new byte[0], entry.receivedAt(),
                entry.status(), entry.attempts(), entry.nextAttemptAt(), PersonalDataMask.scrub(entry.lastError()),
                entry.processedAt(),
                entry.requestId());
        return new MaskedDelivery(withoutBody, PayloadMask.mask(entry.contentType(), entry.body()));
    }
}
