package dev.liaison.web.scenario;

import dev.liaison.scenario.examples.Example;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The examples the WAR carries ({@code config/scenarios/*.yaml}, copied to {@value #FOLDER} by the build), read
 * through the servlet context: the one listing of a deployment's own files that works however the server unpacks it.
 * For the admin API and the console alike; importing one is {@code scenario-module}'s {@code ExampleImport}.
 */
@ApplicationScoped
public class ScenarioExamples {

    static final String FOLDER = "/WEB-INF/classes/examples/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final String SUFFIX = ".yaml";

    private final ServletContext context;

    @Inject
    public ScenarioExamples(ServletContext context) {
        this.context = context;
    }

    /** For the CDI client proxy only. */
    protected ScenarioExamples() {
        this(null);
    }

    /** Every example, by name. */
    public List<Example> list() {
        Set<String> paths = context.getResourcePaths(FOLDER);
        List<Example> examples = new ArrayList<>();
        for (String path : paths == null ? Set.<String>of() : new TreeSet<>(paths)) {
            String file = path.substring(FOLDER.length());
            if (file.endsWith(SUFFIX)) {
                find(file.substring(0, file.length() - SUFFIX.length())).ifPresent(examples::add);
            }
        }
        return examples;
    }

    /** The example of this name; empty for a name no example has, or that could name no file. */
    public Optional<Example> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream file = context.getResourceAsStream(FOLDER + name + SUFFIX)) {
            return file == null ? Optional.empty()
                    : Example.of(name, new String(file.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read example " + name, e);
        }
    }
}
