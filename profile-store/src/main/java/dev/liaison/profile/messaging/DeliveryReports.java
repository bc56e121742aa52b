package dev.liaison.profile.messaging;

import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.processing.InboundStages;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Gateways' delivery callbacks, arriving through the inbox like any canonical event, move the message log on. A
 * report for a message the log does not know (sent before Liaison, or already erased) changes nothing.
 */
@ApplicationScoped
public class DeliveryReports {

    private final MessageLogStore log;
    private final Clock clock;

    @Inject
    public DeliveryReports(MessageLogStore log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected DeliveryReports() {
        this(null, null);
    }

    void on(@Observes @Priority(InboundStages.DELIVERY_REPORTS) InboundEvent inbound) {
        if (inbound.event() instanceof DeliveryStatusChanged report) {
            status(report.status()).ifPresent(status -> log.delivery(report.ref().connectionId(), report.ref().id(),
                    status, report.detail(), clock.instant()));
        }
    }

    static Optional<MessageStatus> status(DeliveryStatusChanged.DeliveryStatus reported) {
        return switch (reported) {
            case QUEUED -> Optional.empty();
            case SENT -> Optional.of(MessageStatus.SENT);
            case DELIVERED, READ -> Optional.of(MessageStatus.DELIVERED);
            case FAILED, REJECTED -> Optional.of(MessageStatus.FAILED);
        };
    }
}
