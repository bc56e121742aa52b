package dev.liaison.connectors.webhook;

import static dev.liaison.connectors.webhook.SignedWebhookContractTest.CONNECTION;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.NOW;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.SECRET;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module's README is what a sender's developer reads instead of {@link EventJson}: every example in it must be
 * what the connector accepts (or, where the README says so, refuses for the fields it names).
 */
class ReadmeExamplesTest {

    /** Every type {@link EventJson#toCanonical} knows; the README documents each with an example. */
    private static final Set<String> EVENT_TYPES = Set.of("contact.upserted", "contact.deleted", "deal.stage_changed",
            "ticket.created", "ticket.updated", "consent.changed", "delivery.status_changed");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```([^\\n]*)\\n(.*?)^```$");
    private static final Pattern TYPE = Pattern.compile("\"type\":\\s*\"([^\"]+)\"");
    private static final Pattern FIELD_ERROR = Pattern.compile("\\{\"field\":\"([^\"]+)\",\"message\"");

    private final SignedWebhookConnector connector = new SignedWebhookConnector(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyEventExampleIsAcceptedAndEveryTypeHasOne() throws Exception {
        Set<String> documented = new LinkedHashSet<>();
        for (String json : blocks("json")) {
            WebhookRequest request = signed(json, NOW, SECRET);
            connector.verify(CONNECTION, request);
            assertThat(connector.dedupKey(CONNECTION, request)).as(json).isNotBlank();
            List<CanonicalEvent> events = connector.parse(CONNECTION, request);
            assertThat(events).as(json).hasSize(1);
            Matcher type = TYPE.matcher(json);
            assertThat(type.find()).as(json).isTrue();
            documented.add(type.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(EVENT_TYPES);
    }

    @Test
    void theRefusedExampleIsRefusedForTheFieldsItsAnswerNames() throws Exception {
        List<Block> all = blocks();
        int refused = all.indexOf(all.stream().filter(block -> block.info().equals("json refused")).findFirst()
                .orElseThrow());
        List<String> named = new ArrayList<>();
        Matcher field = FIELD_ERROR.matcher(all.get(refused + 1).content().replaceAll("\\s+", ""));
        while (field.find()) {
            named.add(field.group(1));
        }
        assertThat(named).as("the fields the problem document after the refused example names").isNotEmpty();

        assertThatThrownBy(() -> connector.dedupKey(CONNECTION, signed(all.get(refused).content(), NOW, SECRET)))
                .isInstanceOfSatisfying(MalformedPayloadException.class, e -> assertThat(e.violations())
                        .extracting(InputViolation::field).containsExactlyElementsOf(named));
    }

    @Test
    void theWorkedSignatureExampleIsWhatTheConnectorComputesAndAccepts() throws Exception {
        String example = blocks("text").stream().filter(block -> block.startsWith("secret")).findFirst().orElseThrow();
        Map<String, String> lines = new HashMap<>();
        for (String line : example.split("\n")) {
            String[] nameAndValue = line.split("\\s+", 2);
            lines.put(nameAndValue[0], nameAndValue[1]);
        }
        byte[] body = lines.get("body").getBytes(StandardCharsets.UTF_8);
        WebhookSignature signature = new WebhookSignature(lines.get("secret"), Duration.ofMinutes(5));

        assertThat(signature.sign(lines.get("timestamp"), body)).isEqualTo(lines.get("signature"));
        signature.verify(lines.get("timestamp"), lines.get("signature"), body,
                Instant.ofEpochSecond(Long.parseLong(lines.get("timestamp"))));
    }

    private record Block(String info, String content) {
    }

    /** Every fenced block of the README, in order. */
    private static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme());
        while (block.find()) {
            blocks.add(new Block(block.group(1).strip(), block.group(2).strip()));
        }
        return blocks;
    }

    /** The contents of every fenced block whose info string is exactly {@code info}. */
    private static List<String> blocks(String info) throws IOException {
        List<String> contents = blocks().stream().filter(block -> block.info().equals(info)).map(Block::content).toList();
        assertThat(contents).as("```" + info + " blocks in README.md").isNotEmpty();
        return contents;
    }

    private static String readme() throws IOException {
        // Surefire runs in the module's directory.
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }
}
