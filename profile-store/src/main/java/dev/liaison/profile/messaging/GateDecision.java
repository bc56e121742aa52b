package dev.liaison.profile.messaging;

import java.time.Instant;

/** What the message gate decided for one message, right before it would go to the gateway. */
public sealed interface GateDecision {

    /** Send to {@code recipient}, read from the profile just now; only its hash is ever stored. */
    record Send(String recipient, String recipientHash, String reason) implements GateDecision {
    }

    /** Never send this message; the reason is recorded. */
    record Refuse(String reason) implements GateDecision {
    }

    /** Not now: ask again at {@code until} (the end of the person's quiet hours). */
    record Defer(Instant until, String reason) implements GateDecision {
    }
}
