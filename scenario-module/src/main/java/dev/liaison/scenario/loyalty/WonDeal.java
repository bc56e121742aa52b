package dev.liaison.scenario.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deal its CRM marked as won, and where the news came from: the inbox entry and the event's position in it.
 * {@code amount} and {@code currency} are {@code null} when the CRM sent none; {@code occurredAt} is when the deal was
 * won, which dates its points and their expiry.
 */
public record WonDeal(String system, String connectionId, String dealId, String pipeline, String stage,
                      BigDecimal amount, String currency, Instant occurredAt, long inboxEntryId, int inboxSeq) {

    /** What the {@code deal} variable of a condition holds; a missing value reads as null. */
    Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", dealId);
        facts.put("system", system);
        facts.put("pipeline", pipeline);
        facts.put("stage", stage);
        facts.put("amount", amount);
        facts.put("currency", currency);
        return facts;
    }
}
