package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLimitsTest {

    private static final ConnectionContext CONNECTION = new ConnectionContext("c-1", "w-1", "webhook", Map.of());
    private static final Instant NOW = Instant.parse("2026-01-31T10:15:30Z");

    @Test
    void eventsWithinTheColumnsPass() {
        assertThat(EventLimits.check(new ContactUpserted(CONNECTION.ref("42"), NOW, new Contact("Ann", "Lee",
                List.of("ann@example.com"), List.of("+15551234567"), "en", "Acme", Map.of("tier", "gold")))))
                .isEmpty();
        assertThat(EventLimits.check(new DealStageChanged(CONNECTION.ref("d-1"), NOW, CONNECTION.ref("42"), "sales",
                "won", true, new BigDecimal("123456789012345.1234"), "EUR"))).isEmpty();
    }

    @Test
    void eventTimesMustFitTheColumnsAndMakeSense() {
        for (String time : new String[] {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
                "1899-12-31T23:59:59Z", "-0001-01-01T00:00:00Z"}) {
            assertThat(EventLimits.check(new ContactDeleted(CONNECTION.ref("42"), Instant.parse(time))))
                    .as(time).extracting(InputViolation::field).containsExactly("occurredAt");
        }
        assertThat(EventLimits.check(new ContactDeleted(CONNECTION.ref("42"), EventLimits.EARLIEST_TIME))).isEmpty();
        assertThat(EventLimits.check(new ContactDeleted(CONNECTION.ref("42"), EventLimits.LATEST_TIME))).isEmpty();
        assertThat(EventLimits.check(new DealStageChanged(CONNECTION.ref("d-1"), NOW, null, "sales", "won", true, null,
                null, false, null, null, Instant.parse("1899-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"))))
                .extracting(InputViolation::field).containsExactly("createdAt", "closedAt");
        assertThatThrownBy(() -> EventLimits.checkedTime("ticket.updated_at", Instant.MAX))
                .isInstanceOfSatisfying(MalformedPayloadException.class, e -> assertThat(e.violations())
                        .extracting(InputViolation::field).containsExactly("ticket.updated_at"));
    }

    @Test
    void namesEveryOverlongFieldWithoutItsValue() {
        String long300 = "x".repeat(300);
        List<InputViolation> violations = EventLimits.check(new DealStageChanged(CONNECTION.ref(long300), NOW,
                CONNECTION.ref(long300), "sales", long300, true, new BigDecimal("1e20"), "EURO"));

        assertThat(violations).extracting(InputViolation::field)
                .containsExactly("ref.id", "contactRef.id", "stage", "currency", "amount");
        assertThat(violations).extracting(InputViolation::message).noneMatch(message -> message.contains("xxx"));
    }

    @Test
    void ticketIdsAreBoundedByTheRoutingColumns() {
        assertThat(EventLimits.check(new TicketUpdated(CONNECTION.ref("t".repeat(101)), NOW, Map.of())))
                .extracting(InputViolation::field).containsExactly("ref.id");
    }

    @Test
    void contactIdentifiersAndAttributesAreBounded() {
        List<String> emails = java.util.Collections.nCopies(EventLimits.IDENTIFIERS + 1, "a@example.com");
        assertThat(EventLimits.check(new ContactUpserted(CONNECTION.ref("42"), NOW, new Contact(null, null, emails,
                List.of("1".repeat(65)), null, null, Map.of("n".repeat(101), "v")))))
                .extracting(InputViolation::field)
                .containsExactly("contact.emails", "contact.phones[]", "contact.attributes names");
    }

    @Test
    void amountsWithinDecimal19Scale4Parse() throws MalformedPayloadException {
        assertThat(Amounts.parse("amount", "999999999999999.9999")).isEqualByComparingTo("999999999999999.9999");
        assertThat(Amounts.parse("amount", "10.50000")).isEqualByComparingTo("10.5");
        assertThat(Amounts.parse("amount", "1.5e3")).isEqualByComparingTo("1500");
        assertThat(Amounts.parse("amount", "-12.25")).isEqualByComparingTo("-12.25");
    }

    @Test
    void amountsOutOfBoundsAreRefusedNamingTheField() {
        for (String wrong : new String[] {"1000000000000000", "1.00001", "1e16", "1e-3000000", "abc", "",
                "1".repeat(41), "\u0661\u0662\u0663", "\uff11\uff10", " 10 ", "10 ", "\t10", "1\u00a00"}) {
            assertThatThrownBy(() -> Amounts.parse("data.amount", wrong)).as(wrong)
                    .isInstanceOf(MalformedPayloadException.class)
                    .satisfies(e -> assertThat(((MalformedPayloadException) e).violations())
                            .extracting(InputViolation::field).containsExactly("data.amount"));
        }
    }

    @Test
    void aHugeExponentIsRefusedFast() {
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThatThrownBy(() -> Amounts.parse("amount", "1e3000000"))
                    .isInstanceOf(MalformedPayloadException.class);
            assertThat(Amounts.problem(new BigDecimal("1e3000000"))).isPresent();
            assertThat(Amounts.problem(new BigDecimal("1e-3000000"))).isPresent();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }
}
