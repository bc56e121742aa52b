package dev.liaison.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.processing.InboundStages;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every observer of the inbound pipeline's event, in every module that can see it, takes its place from
 * {@link InboundStages}: an observer with a number of its own, or none, would run at a place nobody documented.
 */
class InboundObserversTest {

    /** The modules that can see the event; connectors and their API cannot import the platform. */
    private static final List<String> MODULE_PACKAGES = List.of("dev/liaison/platform/", "dev/liaison/profile/",
            "dev/liaison/scenario/", "dev/liaison/web/");
    private static final Set<Integer> STAGES = Set.of(InboundStages.PROFILE_STORE, InboundStages.DELIVERY_REPORTS,
            InboundStages.LOYALTY, InboundStages.ROUTING, InboundStages.SCENARIOS);
    /**
     * How a class file names the event type. Only classes that name it are loaded: the modules' other classes may
     * refer to server APIs this module's test classpath does not have.
     */
    private static final byte[] EVENT_NAME = InboundEvent.class.getName().replace('.', '/')
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void everyObserverOfAnInboundEventTakesItsPriorityFromTheStages() throws Exception {
        Set<Integer> stagesTaken = new TreeSet<>();
        List<String> withoutStage = new ArrayList<>();
        for (String className : classesNamingTheEvent()) {
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(Observes.class)
                            && parameter.getType().isAssignableFrom(InboundEvent.class)) {
                        Priority priority = parameter.getAnnotation(Priority.class);
                        if (priority == null || !STAGES.contains(priority.value())) {
                            withoutStage.add(className + "#" + method.getName());
                        } else {
                            stagesTaken.add(priority.value());
                        }
                    }
                }
            }
        }

        assertThat(withoutStage).as("observers whose priority is no InboundStages constant").isEmpty();
        assertThat(stagesTaken).as("stages some observer takes").containsExactlyInAnyOrderElementsOf(STAGES);
    }

    /** The classes of {@link #MODULE_PACKAGES}, in every directory and jar on the test classpath, that name it. */
    private static Set<String> classesNamingTheEvent() throws IOException {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = InboundObserversTest.class.getClassLoader();
        for (String modulePackage : MODULE_PACKAGES) {
            for (URL root : Collections.list(loader.getResources(modulePackage))) {
                if ("jar".equals(root.getProtocol())) {
                    URI jarFile = URI.create(root.getPath().substring(0, root.getPath().indexOf("!/")));
                    try (JarFile jar = new JarFile(Path.of(jarFile).toFile())) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            if (entry.getName().startsWith(modulePackage) && isClass(entry.getName())) {
                                try (InputStream bytes = jar.getInputStream(entry)) {
                                    addIfNaming(names, entry.getName(), bytes.readAllBytes());
                                }
                            }
                        }
                    }
                } else {
                    Path packageDirectory = Path.of(URI.create(root.toString()));
                    Path classesRoot = packageDirectory.getParent().getParent().getParent();
                    try (Stream<Path> files = Files.walk(packageDirectory)) {
                        for (Path file : files.filter(file -> isClass(file.toString())).toList()) {
                            addIfNaming(names, classesRoot.relativize(file).toString().replace('\\', '/'),
                                    Files.readAllBytes(file));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void addIfNaming(Set<String> names, String path, byte[] classFile) {
        if (contains(classFile, EVENT_NAME)) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.endsWith("package-info.class") && !path.endsWith("module-info.class");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int start = 0; start <= haystack.length - needle.length; start++) {
            int matched = 0;
            while (matched < needle.length && haystack[start + matched] == needle[matched]) {
                matched++;
            }
            if (matched == needle.length) {
                return true;
            }
        }
        return false;
    }
}
