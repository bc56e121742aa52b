package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RoutedTicketTest {

    private final RoutedTicket urgent = RoutedTicket.of(100, 0);
    private final RoutedTicket normal = RoutedTicket.of(100, 1);

    @Test
    void ticketsAlternateBetweenTheTwoRules() {
        assertThat(urgent.id()).isEqualTo(100);
        assertThat(urgent.urgent()).isTrue();
        assertThat(normal.id()).isEqualTo(101);
        assertThat(normal.urgent()).isFalse();
        assertThat(urgent.expectedGroup()).isNotEqualTo(normal.expectedGroup());
    }

    @Test
    void theDecisionLiaisonSendsIsRecognised() {
        assertThat(urgent.isRoutedBy(json(TicketPaths.update(urgent)))).isTrue();
        assertThat(normal.isRoutedBy(json(TicketPaths.update(normal)))).isTrue();
    }

    @Test
    void anotherTicketsDecisionIsNot() {
        assertThat(urgent.isRoutedBy(json(TicketPaths.update(normal)))).isFalse();
        assertThat(normal.isRoutedBy(json(TicketPaths.update(urgent)))).isFalse();
    }

    @Test
    void replacedTagsAPublicNoteOrAMissingAgentAreWrong() {
        String update = TicketPaths.update(urgent);

        assertThat(urgent.isRoutedBy(json(update.replace("\"web\",", "")))).as("own tag lost").isFalse();
        assertThat(urgent.isRoutedBy(json(update.replace("\"public\":false", "\"public\":true")))).isFalse();
        assertThat(urgent.isRoutedBy(json(update.replace("\"assignee_id\":901,", "")))).isFalse();
        assertThat(urgent.isRoutedBy(json("{\"ticket\":[]}"))).isFalse();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
