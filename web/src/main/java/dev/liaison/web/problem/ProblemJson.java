package dev.liaison.web.problem;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** Writes a problem document without JAX-RS, for the webhook servlet. Same fields as the JSON-B form. */
public final class ProblemJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ProblemJson() {
    }

    public static String write(Problem problem) {
        JsonObjectBuilder object = JSON.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status());
        addIfPresent(object, "detail", problem.detail());
        addIfPresent(object, "instance", problem.instance());
        addIfPresent(object, "field", problem.field());
        if (problem.errors() != null) {
            JsonArrayBuilder errors = JSON.createArrayBuilder();
            problem.errors().forEach(error -> errors.add(JSON.createObjectBuilder()
                    .add("field", error.field()).add("message", error.message())));
            object.add("errors", errors);
        }
        return object.build().toString();
    }

    private static void addIfPresent(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }
}
