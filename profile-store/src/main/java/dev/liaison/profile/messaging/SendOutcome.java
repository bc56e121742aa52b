package dev.liaison.profile.messaging;

import dev.liaison.connector.api.MessageSender.DeliveryReceipt;
import dev.liaison.connector.api.RemoteSystemException;

/** What the gateway call came to. */
sealed interface SendOutcome {

    record Accepted(DeliveryReceipt receipt) implements SendOutcome {
    }

    record Failed(RemoteSystemException failure) implements SendOutcome {
    }
}
