package dev.liaison.scenario.engine;

import dev.liaison.connector.api.RecordWriter;
import dev.liaison.scenario.routing.Condition;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * One step of a scenario. {@code line} is where it starts in the definition, for traces and error messages.
 * Text values of {@link Send}, {@link WriteCrm} and {@link Route} may hold {@code ${...}} expressions over the same
 * variables as conditions; they are filled in when the step runs.
 */
public sealed interface Step {

    int line();

    /** The step's name in traces: the key it is written with. */
    String kind();

    /** Waits this long before the next step; the run sleeps in the database, so a restart does not lose it. */
    record Wait(int line, Duration duration) implements Step {
        public String kind() {
            return "wait";
        }
    }

    /** Waits for the next time the clock shows this time of day in the person's time zone. */
    record WaitUntil(int line, LocalTime time) implements Step {
        public String kind() {
            return "wait-until";
        }
    }

    /** Ends the run, traced, when the condition is false. */
    record If(int line, Condition condition) implements Step {
        public String kind() {
            return "if";
        }
    }

    /** Earns points, once per run and step. */
    record Award(int line, long points, String reason) implements Step {
        public String kind() {
            return "award";
        }
    }

    /** Asks the message gate to send; {@code connection} is the name of the sending connection. */
    record Send(int line, String connection, String channel, String purpose, String template, String subject,
                String text, Map<String, String> variables) implements Step {
        public Send {
            variables = Map.copyOf(variables);
        }

        public String kind() {
            return "send";
        }
    }

    /**
     * Writes fields of the person's contact or the triggering deal back to a CRM: through {@code connection} (a
     * connection's name) or, without one, the connection the trigger came from.
     */
    record WriteCrm(int line, RecordWriter.Entity record, String connection, Map<String, String> fields)
            implements Step {
        public WriteCrm {
            fields = Map.copyOf(fields);
        }

        public String kind() {
            return "write-crm";
        }
    }

    /** Sets group, assignee, priority and tags of the ticket that triggered the run. */
    record Route(int line, String group, String assignee, String priority, List<String> tags) implements Step {
        public Route {
            tags = List.copyOf(tags);
        }

        public String kind() {
            return "route";
        }
    }
}
