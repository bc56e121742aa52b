package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules depend one way, as DESIGN.md draws them: {@code connector-api <- platform <- profile-store <-
 * scenario-module <- web}; a connector depends on connector-api and the connectors' shared support only, never on
 * another connector; {@code web} compiles against no connector (install flows, OAuth callbacks and unsubscribe links
 * go through the connector-api capabilities). Read from the imports of every module's main code, and from
 * {@code web/pom.xml}.
 */
class ModuleRulesTest {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(dev\\.liaison\\.[\\w.]+?)\\.[A-Z]");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([\\w.-]+)\\s*</artifactId>");
    private static final String CONNECTORS = "dev.liaison.connectors.";
    private static final String SUPPORT = "dev.liaison.connectors.support";

    /** Each module of the chain, by its root package, and the root packages it may import besides its own. */
    private static final Map<String, Set<String>> CHAIN = Map.of(
            "dev.liaison.connector", Set.of(),
            "dev.liaison.platform", Set.of("dev.liaison.connector"),
            "dev.liaison.profile", Set.of("dev.liaison.connector", "dev.liaison.platform"),
            "dev.liaison.scenario", Set.of("dev.liaison.connector", "dev.liaison.platform", "dev.liaison.profile"),
            "dev.liaison.web", Set.of("dev.liaison.connector", "dev.liaison.platform", "dev.liaison.profile",
                    "dev.liaison.scenario"));

    private static final Path ROOT = root();

    @Test
    void webImportsNoConnector() {
        assertThat(importsOf("web")).as("connector packages imported by web's main code")
                .noneMatch(used -> used.startsWith(CONNECTORS));
    }

    @Test
    void websPomDependsOnNoConnectorModule() throws IOException {
        Matcher artifact = ARTIFACT.matcher(Files.readString(ROOT.resolve("web/pom.xml")));
        Set<String> artifacts = new TreeSet<>();
        while (artifact.find()) {
            artifacts.add(artifact.group(1));
        }

        assertThat(artifacts).contains("web", "connector-api", "platform")
                .noneMatch(name -> name.startsWith("connector-") && !name.equals("connector-api"));
    }

    @Test
    void aConnectorImportsOnlyTheApiTheSupportAndItself() throws IOException {
        List<Path> connectors;
        try (Stream<Path> modules = Files.list(ROOT.resolve("connectors"))) {
            connectors = modules.filter(module -> Files.isDirectory(module.resolve("src/main/java"))).toList();
        }
        assertThat(connectors).as("connector modules").hasSizeGreaterThanOrEqualTo(6);
        for (Path module : connectors) {
            String own = CONNECTORS + module.getFileName();
            assertThat(importsOf(ROOT.relativize(module).toString())).as("imports of %s", module.getFileName())
                    .allSatisfy(used -> assertThat(used.startsWith("dev.liaison.connector.")
                            || used.equals(SUPPORT) || used.startsWith(SUPPORT + ".")
                            || used.equals(own) || used.startsWith(own + ".")).as(used).isTrue());
        }
    }

    @Test
    void theCoreModulesDependOneWay() {
        Map<String, String> modules = Map.of("connector-api", "dev.liaison.connector", "platform", "dev.liaison.platform",
                "profile-store", "dev.liaison.profile", "scenario-module", "dev.liaison.scenario", "web",
                "dev.liaison.web");
        modules.forEach((module, root) -> assertThat(importsOf(module)).as("imports of %s", module)
                .allSatisfy(used -> assertThat(rootOf(used)).as(used).isIn(with(CHAIN.get(root), root))));
    }

    private static Set<String> with(Set<String> allowed, String own) {
        Set<String> all = new TreeSet<>(allowed);
        all.add(own);
        return all;
    }

    /** {@code dev.liaison.connector.api} and {@code dev.liaison.connectors.email} count as separate roots. */
    private static String rootOf(String usedPackage) {
        String[] parts = usedPackage.split("\\.");
        return parts.length < 3 ? usedPackage : parts[0] + "." + parts[1] + "." + parts[2];
    }

    /** The Liaison packages the module's main code imports. */
    private static Set<String> importsOf(String module) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        assertThat(sources).as("main sources of " + module).isDirectory();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Matcher imported = IMPORT.matcher(read(file));
                while (imported.find()) {
                    used.add(imported.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return used;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of("..").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
