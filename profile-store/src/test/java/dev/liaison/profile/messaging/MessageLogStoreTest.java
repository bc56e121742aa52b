package dev.liaison.profile.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.outbox.OutboxAction;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.queue.DueRows;
import dev.liaison.profile.timeline.TimelineCursor;
import dev.liaison.profile.timeline.TimelinePage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox and log states a message passes through; MessageSending drives them. */
class MessageLogStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final MessagingFixture fixture = new MessagingFixture();
    private final MessageRequest request = new MessageRequest("p-1", "marketing_sms", "sms", null, null, "Hi", "ru");

    MessageLogStoreTest() throws Exception {
    }

    @Test
    void aSecondEnqueueWithTheSameKeyIsTheSameMessage() {
        long first = fixture.enqueue("run-1/step-2", request, T0);
        long again = fixture.enqueue("run-1/step-2", request, T0.plusSeconds(5));

        assertThat(again).isEqualTo(first);
        MessageLogStore.Entry entry = fixture.log.find(fixture.connectionId, "run-1/step-2").orElseThrow();
        assertThat(entry.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(entry.outboxId()).isEqualTo(first);
    }

    @Test
    void aSendingActionIsNotDueAgainUntilItsLeaseRunsOut() {
        long id = fixture.enqueue("k", request, T0);
        OutboxAction claimed = fixture.outbox.claimDue(T0).orElseThrow();

        fixture.outbox.markSending(claimed.id(), "node-a", T0.plusSeconds(120));

        assertThat(fixture.outbox.claimDue(T0.plusSeconds(3600))).isEmpty();
        assertThat(fixture.outbox.claimStaleSending(T0.plusSeconds(119))).isEmpty();
        OutboxAction stale = fixture.outbox.claimStaleSending(T0.plusSeconds(120)).orElseThrow();
        assertThat(stale.id()).isEqualTo(id);
        assertThat(stale.status()).isEqualTo(OutboxStore.SENDING);
        assertThat(stale.attempts()).isEqualTo(1);
    }

    @Test
    void aRestartedNodeReleasesOnlyItsOwnSendingActions() {
        fixture.enqueue("a", request, T0);
        fixture.enqueue("b", request, T0);
        fixture.outbox.markSending(fixture.outbox.claimDue(T0).orElseThrow().id(), "node-a", T0.plusSeconds(120));
        fixture.outbox.markSending(fixture.outbox.claimDue(T0).orElseThrow().id(), "node-b", T0.plusSeconds(120));

        assertThat(fixture.outbox.releaseSending("node-a", T0.plusSeconds(1))).isEqualTo(1);

        assertThat(fixture.outbox.claimStaleSending(T0.plusSeconds(1))).get()
                .extracting(OutboxAction::idempotencyKey).isEqualTo("a");
    }

    @Test
    void onlyTheSenderHoldingTheAttemptSettlesIt() {
        long id = fixture.enqueue("k", request, T0);
        fixture.outbox.markSending(fixture.outbox.claimDue(T0).orElseThrow().id(), "node-a", T0.plusSeconds(120));

        assertThat(fixture.outbox.settleSending(id, 2, OutboxStore.DONE, "sent", null, T0, T0)).isFalse();
        assertThat(fixture.outbox.settleSending(id, 1, DueRows.PENDING, null, "HTTP 503", T0.plusSeconds(30), T0))
                .isTrue();
        assertThat(fixture.outbox.settleSending(id, 1, OutboxStore.DONE, "sent", null, T0, T0)).isFalse();

        assertThat(fixture.outbox.claimDue(T0.plusSeconds(29))).isEmpty();
        assertThat(fixture.outbox.claimDue(T0.plusSeconds(30))).get().extracting(OutboxAction::attempts)
                .isEqualTo(1);
    }

    @Test
    void aDeferredActionKeepsItsAttemptsAndComesBackAtTheWindowsEnd() {
        long id = fixture.enqueue("k", request, T0);
        fixture.outbox.claimDue(T0).orElseThrow();

        fixture.outbox.defer(id, "quiet hours", T0.plusSeconds(3600));

        assertThat(fixture.outbox.claimDue(T0.plusSeconds(3599))).isEmpty();
        assertThat(fixture.outbox.claimDue(T0.plusSeconds(3600))).get().extracting(OutboxAction::attempts)
                .isEqualTo(0);
    }

    @Test
    void deliveryReportsMoveASentMessageOnAndNeverBack() {
        fixture.enqueue("k", request, T0);
        fixture.log.sending(fixture.connectionId, "k", "hash", T0);
        fixture.log.sent(fixture.connectionId, "k", "12345", T0.plusSeconds(1));

        assertThat(fixture.log.delivery(fixture.connectionId, "12345", MessageStatus.DELIVERED, "smsc 1 delivered",
                T0.plusSeconds(60))).isTrue();
        fixture.log.delivery(fixture.connectionId, "12345", MessageStatus.SENT, "late", T0.plusSeconds(61));

        MessageLogStore.Entry entry = fixture.log.find(fixture.connectionId, "k").orElseThrow();
        assertThat(entry.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(entry.providerMessageId()).isEqualTo("12345");
        assertThat(entry.deliveryDetail()).isEqualTo("smsc 1 delivered");
        assertThat(fixture.log.delivery(fixture.connectionId, "999", MessageStatus.FAILED, null, T0)).isFalse();
    }

    @Test
    void aLateReceiptResolvesAnUnknownMessage() {
        fixture.enqueue("k", request, T0);
        fixture.log.ended(fixture.connectionId, "k", MessageStatus.UNKNOWN, "node stopped", T0);

        fixture.log.sent(fixture.connectionId, "k", "abc", T0.plusSeconds(1));

        assertThat(fixture.log.find(fixture.connectionId, "k").orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void aPersonsMessagesComeNewestFirstInPagesWithTheirTemplateAndReason() {
        MessageRequest tierMail = new MessageRequest("p-1", "marketing_email", "email", "tier-upgrade", null, null, "en");
        fixture.enqueue("old", request, T0);
        fixture.enqueue("middle", tierMail, T0.plusSeconds(60));
        fixture.enqueue("new", request, T0.plusSeconds(120));
        fixture.enqueue("someone else's", new MessageRequest("p-2", "service", "sms", null, null, "Hi", "ru"), T0);
        fixture.log.ended(fixture.connectionId, "middle", MessageStatus.REFUSED, "no consent recorded", T0);

        TimelinePage<MessageLogStore.Entry> first = fixture.inWorkspace(() ->
                fixture.log.ofPeople(List.of("p-1"), null, 2));
        TimelinePage<MessageLogStore.Entry> second = fixture.inWorkspace(() ->
                fixture.log.ofPeople(List.of("p-1"), TimelineCursor.parse(first.next()), 2));

        assertThat(first.items()).extracting(MessageLogStore.Entry::idempotencyKey).containsExactly("new", "middle");
        assertThat(first.items().get(1).template()).isEqualTo("tier-upgrade");
        assertThat(first.items().get(1).reason()).isEqualTo("no consent recorded");
        assertThat(second.items()).extracting(MessageLogStore.Entry::idempotencyKey).containsExactly("old");
        assertThat(second.next()).isNull();
        assertThat(fixture.inWorkspace(() -> fixture.log.ofPeople(List.of(), null, 2)).items()).isEmpty();
    }

    @Test
    void anAttemptThatFailedBeforeTheGatewayLeavesItsReason() {
        MessageSending sending = new MessageSending(null, fixture.log, null, null, null, null, null, null, null);
        long id = fixture.enqueue("k", request, T0);
        OutboxAction action = fixture.outbox.claimDue(T0).orElseThrow();

        sending.failed(action, "the connection is disabled or gone", true, T0);
        assertThat(fixture.log.find(fixture.connectionId, "k").orElseThrow())
                .extracting(MessageLogStore.Entry::status, MessageLogStore.Entry::reason)
                .containsExactly(MessageStatus.QUEUED, "retrying: the connection is disabled or gone");
        sending.failed(action, "the message payload is unreadable", false, T0);

        MessageLogStore.Entry entry = fixture.log.find(fixture.connectionId, "k").orElseThrow();
        assertThat(entry.outboxId()).isEqualTo(id);
        assertThat(entry.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(entry.reason()).isEqualTo("the message payload is unreadable");
    }
}
