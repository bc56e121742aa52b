package dev.liaison.connector.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks the tokens of the one-click unsubscribe links (RFC 8058) a {@link MessageSender} puts in the messages it
 * sends. Liaison serves the links at {@code /unsubscribe/{token}} with no sign-in, so the token is the only proof: it
 * names its connection, and only that connection's secret can vouch for it. Withdrawing the consent is Liaison's part.
 */
public interface UnsubscribeLinks {

    /** The connection a token names, before it is verified; empty when it does not even have the shape of one. */
    Optional<String> connectionOf(String token);

    /** What the token asks, when this connection issued it and nobody altered it; empty for anything else. */
    Optional<Unsubscribe> verify(ConnectionContext connection, String token);

    /** Who withdraws the consent to which purpose on which channel, prompted by which message. */
    record Unsubscribe(String profileId, String purpose, String channel, String messageId) {

        public Unsubscribe {
            Objects.requireNonNull(profileId, "profileId");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(messageId, "messageId");
        }
    }
}
