package dev.liaison.profile.messaging;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.platform.outbox.OutboxAction;

/**
 * A message committed as SENDING and about to go to its gateway, outside any transaction. {@code attempts} is the
 * action's attempt count as committed, the token that lets only this sender settle it.
 */
record PreparedSend(OutboxAction action, int attempts, ConnectionContext connection, MessageSender sender,
                    MessageRequest request, String recipientHash, OutboundMessage message, SendPolicy policy) {
}
