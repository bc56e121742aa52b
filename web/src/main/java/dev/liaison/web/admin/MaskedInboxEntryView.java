package dev.liaison.web.admin;

import dev.liaison.platform.inbox.MaskedDelivery;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An inbox entry with its payload, personal data masked: e-mail addresses as {@code a***@example.com}, phone numbers
 * as {@code +7 *** *** ** 67}, names and other text as their first letter and {@code ***}, secrets as {@code ***};
 * ids, types, statuses and times as they came. A form-encoded body is an object of its fields; a body that is
 * neither JSON nor a form is {@code "[n bytes, not JSON]"}.
 */
public record MaskedInboxEntryView(InboxEntryView entry, String contentType,
                                   @Schema(description = "The payload, masked") JsonValue payload) {

    static MaskedInboxEntryView of(MaskedDelivery delivery) {
        return new MaskedInboxEntryView(InboxEntryView.of(delivery.entry()), delivery.entry().contentType(),
                delivery.payload());
    }
}
