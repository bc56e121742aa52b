package dev.liaison.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {

    private static final Path SHIPPED = Path.of("..", "config", "scenarios");
    private final ScenarioParser parser = new ScenarioParser(Set.of("marketing_email", "loyalty", "service"));

    @Test
    void everyShippedExampleValidates() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SHIPPED)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> names = new java.util.ArrayList<>();
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            if (source.contains("\nscenario:")) {
                names.add(parser.parse(source).name());
            }
        }
        assertThat(names).containsExactlyInAnyOrder("welcome-series", "deal-won-points",
                "tier-upgrade-congratulation", "points-expiry-reminder", "post-ticket-csat");
    }

    @Test
    void readsTriggerStepsAndFlags() throws Exception {
        Scenario scenario = parser.parse("""
                scenario: gold-welcome
                trigger:
                  event: tier.changed
                  when: "event.to == 'gold'"
                once-per-profile: true
                steps:
                  - wait: PT48H
                  - wait-until: "10:00"
                  - if: "loyalty.balance > 0"
                  - award: { points: 50, reason: welcome to gold }
                  - send:
                      connection: mail
                      channel: email
                      purpose: marketing_email
                      template: tier-upgrade
                      variables: { tier: "${event.to}" }
                  - write-crm: { record: contact, connection: portal, fields: { UF_CRM_TIER: "${event.to}" } }
                """);

        assertThat(scenario.trigger()).isEqualTo(TriggerType.TIER_CHANGED);
        assertThat(scenario.oncePerProfile()).isTrue();
        assertThat(scenario.when().paths()).containsExactly("event.to");
        assertThat(scenario.steps()).hasSize(6);
        assertThat(scenario.steps().get(0)).isEqualTo(new Step.Wait(7, Duration.ofHours(48)));
        assertThat(scenario.steps().get(1)).isEqualTo(new Step.WaitUntil(8, LocalTime.of(10, 0)));
        assertThat(((Step.Send) scenario.steps().get(4)).variables()).containsEntry("tier", "${event.to}");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "scenario: Bad Name\\ntrigger: {event: deal.won}\\nsteps: [{award: {points: 1}}]"
                + "|1|'scenario' must be lower-case letters, digits and dashes",
        "scenario: a\\ntrigger: {event: deal.lost}\\nsteps: [{award: {points: 1}}]|2|'trigger' 'event' must be one of",
        "scenario: a\\ntrigger: {event: deal.won, when: \"ticket.status == 'x'\"}\\nsteps: [{award: {points: 1}}]"
                + "|2|unknown variable 'ticket'",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps: []|3|'steps' must list at least one step",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - wait: 48h|4|must be an ISO-8601 duration",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - wait-until: 10:00|4|must be a string, not a number",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - award: {points: 0}|4|must be greater than 0",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - send: {connection: m, channel: email, "
                + "purpose: marketing_sms, template: t}|4|'purpose' must be one of",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - send: {connection: m, channel: sms, "
                + "purpose: service, template: t}|4|an SMS needs a 'text'",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - send: {connection: m, channel: email, "
                + "purpose: service, template: t, variables: {x: \"${profile.secret(}\"}}|4|not a valid EL expression",
        "scenario: a\\ntrigger: {event: tier.changed}\\nsteps:\\n  - write-crm: {record: deal, connection: c, "
                + "fields: {A: b}}|4|'record: deal' needs a deal.won trigger",
        "scenario: a\\ntrigger: {event: tier.changed}\\nsteps:\\n  - write-crm: {record: contact, fields: {A: b}}"
                + "|4|needs a 'connection'",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - route: {group: vip}|4|needs a ticket trigger",
        "scenario: a\\ntrigger: {event: deal.won}\\nsteps:\\n  - award: {points: 1}\\n    wait: PT1H"
                + "|4|must be exactly one of",
        "scenario: a\\ntrigger: {event: deal.won}\\nretries: 3\\nsteps: [{award: {points: 1}}]|3|unknown key 'retries'",
    })
    void refusesWithTheLineOfTheProblem(String yaml, int line, String reason) {
        assertThatThrownBy(() -> parser.parse(yaml.replace("\\n", "\n")))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
