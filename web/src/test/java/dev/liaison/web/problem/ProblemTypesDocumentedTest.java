package dev.liaison.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem type the code can answer has a row in the README's problem types table: the slugs are read from the
 * sources (each {@code new ProblemException(status, slug, ...)}, each {@code Problem.type(slug)} and the slugs
 * {@link ProblemMappers} gives the container's own refusals), so a new type without a row fails here.
 */
class ProblemTypesDocumentedTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern THROWN =
            Pattern.compile("new ProblemException\\(\\s*Response\\.Status\\.\\w+,\\s*\"([a-z-]+)\"");
    private static final Pattern TYPED = Pattern.compile("Problem\\.type\\(\"([a-z-]+)\"\\)");
    private static final Pattern MAPPED = Pattern.compile("\"([a-z]+(?:-[a-z]+)*)\"");

    @Test
    void everySlugInTheCodeIsInTheReadmesTable() throws IOException {
        Set<String> slugs = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).map(ProblemTypesDocumentedTest::read)
                    .forEach(source -> {
                        slugs.addAll(matches(THROWN, source));
                        slugs.addAll(matches(TYPED, source));
                    });
        }
        String mappers = read(SOURCES.resolve("dev/liaison/web/problem/ProblemMappers.java"));
        String slugOf = mappers.substring(mappers.indexOf("private static String slugOf("));
        slugs.addAll(matches(MAPPED, slugOf.substring(0, slugOf.indexOf("\n    }\n"))));
        String readme = read(README);

        assertThat(slugs).contains("validation", "forbidden", "internal", "bad-request")
                .allSatisfy(slug -> assertThat(readme).as("README row for %s", slug).contains("| `" + slug + "` |"));
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
