package dev.liaison.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one connector sync benchmark run does, from system properties: which systems, how many records each fake
 * holds, and the most one sync may take.
 *
 * @param zendeskUsers at 10 export requests a minute each page of 1,000 costs six seconds: 20,000 take two minutes
 */
record ConnectorBenchSettings(Path outputDir, List<String> systems, int bitrix24Contacts, int amocrmContacts,
                              int zendeskUsers, Duration syncTimeCap) {

    static final List<String> SYSTEMS = List.of("bitrix24", "amocrm", "zendesk");

    ConnectorBenchSettings {
        systems = List.copyOf(systems);
        if (!SYSTEMS.containsAll(systems) || systems.isEmpty()) {
            throw new IllegalArgumentException("liaison.bench.connectors takes a comma-separated subset of " + SYSTEMS
                    + ", was " + systems);
        }
        if (bitrix24Contacts < 1 || amocrmContacts < 1 || zendeskUsers < 1) {
            throw new IllegalArgumentException("every fake needs at least one record");
        }
    }

    static ConnectorBenchSettings fromSystemProperties() {
        return new ConnectorBenchSettings(
                Path.of(System.getProperty("liaison.bench.output-dir", "target")).toAbsolutePath(),
                Arrays.stream(System.getProperty("liaison.bench.connectors", String.join(",", SYSTEMS)).split(","))
                        .map(name -> name.trim().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).toList(),
                Integer.parseInt(System.getProperty("liaison.bench.bitrix24.contacts", "10000")),
                Integer.parseInt(System.getProperty("liaison.bench.amocrm.contacts", "10000")),
                Integer.parseInt(System.getProperty("liaison.bench.zendesk.users", "20000")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("liaison.bench.connectors.time-cap-seconds",
                        "300"))));
    }
}
