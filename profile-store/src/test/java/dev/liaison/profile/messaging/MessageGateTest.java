package dev.liaison.profile.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MessageGateTest {

    private static final String PHONE = "+79031234567";
    /** 12:00 in Moscow: outside the 21:00-09:00 quiet hours. */
    private static final Instant NOON_MSK = Instant.parse("2026-11-23T09:00:00Z");

    private final MessagingFixture fixture = new MessagingFixture();

    MessageGateTest() throws Exception {
    }

    private static MessageRequest marketingSms(String profileId) {
        return new MessageRequest(profileId, "marketing_sms", "sms", null, null, "Скидка 10%", "ru");
    }

    private static MessageRequest serviceSms(String profileId) {
        return new MessageRequest(profileId, "service", "sms", null, null, "Ваш заказ готов", "ru");
    }

    private GateDecision decide(MessageRequest request, Instant now) {
        return fixture.inWorkspace(() -> fixture.gate.decide(request, now));
    }

    @Test
    void marketingWithACurrentGrantIsSentToTheProfilesNumber() throws Exception {
        String person = fixture.person(PHONE, null);
        fixture.grants.add(person + "/marketing_sms/sms");

        GateDecision decision = decide(marketingSms(person), NOON_MSK);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Send.class, send -> {
            assertThat(send.recipient()).isEqualTo(PHONE);
            assertThat(send.recipientHash()).isNotBlank().doesNotContain(PHONE).doesNotContain(PHONE.substring(1));
        });
        assertThat(fixture.refusals).isEmpty();
    }

    @Test
    void marketingWithoutOrAfterWithdrawingConsentIsRefusedAndRecorded() throws Exception {
        String person = fixture.person(PHONE, null);

        assertThat(decide(marketingSms(person), NOON_MSK)).isInstanceOfSatisfying(GateDecision.Refuse.class,
                refuse -> assertThat(refuse.reason()).contains("no consent"));
        assertThat(fixture.refusals).singleElement().asString().startsWith("marketing_sms/sms");
    }

    @Test
    void serviceMessagesNeedNoConsent() throws Exception {
        String person = fixture.person(PHONE, null);

        assertThat(decide(serviceSms(person), NOON_MSK)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void anErasedPersonGetsNothingEvenAServiceMessage() {
        assertThat(decide(serviceSms("00000000-0000-0000-0000-000000000000"), NOON_MSK))
                .isInstanceOfSatisfying(GateDecision.Refuse.class, refuse -> assertThat(refuse.reason())
                        .contains("erased"));
    }

    @Test
    void aRestrictedProfileGetsNothingEvenAServiceMessage() throws Exception {
        String person = fixture.person(PHONE, null);
        fixture.grants.add(person + "/marketing_sms/sms");
        fixture.sql("update profile set restricted_at = current_timestamp where id = ?", person);

        assertThat(decide(serviceSms(person), NOON_MSK)).isInstanceOfSatisfying(GateDecision.Refuse.class,
                refuse -> assertThat(refuse.reason()).contains("restricted"));
        assertThat(decide(marketingSms(person), NOON_MSK)).isInstanceOf(GateDecision.Refuse.class);
        assertThat(fixture.refusals).hasSize(2);
    }

    @Test
    void aSuppressedNumberGetsNothingOfAnyPurpose() throws Exception {
        String person = fixture.person(PHONE, null);
        fixture.grants.add(person + "/marketing_sms/sms");
        WorkspaceContext.run(MessagingFixture.WORKSPACE, () -> fixture.suppressions.suppress("sms",
                fixture.hashes.hash(new Identity(IdentityKind.PHONE, PHONE)), "smsru:209", NOON_MSK));

        assertThat(decide(serviceSms(person), NOON_MSK)).isInstanceOfSatisfying(GateDecision.Refuse.class,
                refuse -> assertThat(refuse.reason()).contains("suppression"));
        assertThat(decide(marketingSms(person), NOON_MSK)).isInstanceOf(GateDecision.Refuse.class);
    }

    @Test
    void aProfileWithoutAnAddressOnTheChannelIsRefused() throws Exception {
        String person = fixture.person(null, "anna@example.com");

        assertThat(decide(serviceSms(person), NOON_MSK)).isInstanceOfSatisfying(GateDecision.Refuse.class,
                refuse -> assertThat(refuse.reason()).contains("no sms address"));
    }

    @Test
    void quietHoursDeferMarketingToTheWindowsEndInThePersonsZone() throws Exception {
        String person = fixture.person(PHONE, null);
        fixture.grants.add(person + "/marketing_sms/sms");
        Instant lateInMoscow = Instant.parse("2026-11-23T20:30:00Z");

        assertThat(decide(marketingSms(person), lateInMoscow)).isInstanceOfSatisfying(GateDecision.Defer.class,
                defer -> assertThat(defer.until()).isEqualTo(Instant.parse("2026-11-24T06:00:00Z")));
        assertThat(decide(serviceSms(person), lateInMoscow)).isInstanceOf(GateDecision.Send.class);
        assertThat(fixture.refusals).isEmpty();

        fixture.attribute(person, "timezone", "America/New_York");
        assertThat(decide(marketingSms(person), lateInMoscow)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void theZoneComesFromTheTimezoneAttributeThenTheLocaleThenTheDefault() throws Exception {
        String named = fixture.person(PHONE, null);
        fixture.attribute(named, "timezone", "Asia/Vladivostok");
        String localised = fixture.person("+79031234568", null);
        fixture.attribute(localised, "locale", "en-GB");
        String bare = fixture.person("+79031234569", null);
        fixture.attribute(bare, "timezone", "not a zone");

        assertThat(fixture.inWorkspace(() -> fixture.gate.zone(named))).isEqualTo(ZoneId.of("Asia/Vladivostok"));
        assertThat(fixture.inWorkspace(() -> fixture.gate.zone(localised))).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(fixture.inWorkspace(() -> fixture.gate.zone(bare))).isEqualTo(ZoneId.of("Europe/Moscow"));
    }

    @Test
    void aWindowThatDoesNotWrapMidnightEndsTheSameDay() {
        MessageGate daytime = new MessageGate(fixture.database, null, null, null, null, null, null,
                new MessagingSettings(java.time.LocalTime.of(13, 0), java.time.LocalTime.of(14, 0),
                        ZoneId.of("UTC"), false, 0, null, null), PipelineMetrics.NONE);

        assertThat(daytime.quietUntil(Instant.parse("2026-11-23T13:30:00Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(daytime.quietUntil(Instant.parse("2026-11-23T14:00:00Z"), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void theFrequencyCapRefusesMarketingBeyondNPerWindowButNotService() throws Exception {
        String person = fixture.person(PHONE, null);
        fixture.grants.add(person + "/marketing_sms/sms");
        for (int i = 0; i < 2; i++) {
            fixture.enqueue("run-" + i, marketingSms(person), NOON_MSK.minusSeconds(3600));
            fixture.log.sending(fixture.connectionId, "run-" + i, "h", NOON_MSK.minusSeconds(3600));
        }

        assertThat(decide(marketingSms(person), NOON_MSK)).isInstanceOfSatisfying(GateDecision.Refuse.class,
                refuse -> assertThat(refuse.reason()).startsWith("frequency cap: 2"));
        assertThat(decide(serviceSms(person), NOON_MSK)).isInstanceOf(GateDecision.Send.class);
        assertThat(decide(marketingSms(person), NOON_MSK.plusSeconds(24 * 3600)))
                .isInstanceOf(GateDecision.Send.class);
    }
}
