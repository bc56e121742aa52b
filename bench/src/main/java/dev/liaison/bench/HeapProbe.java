package dev.liaison.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server JVM's live heap: a full collection first ({@code jcmd GC.run}), then the heap's used size
 * ({@code jcmd GC.heap_info}), so that two readings compare what the server keeps, not when it last collected.
 */
final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapProbe() {
    }

    /** Bytes in use after a full collection, or empty when no JVM of the tree answers {@code jcmd}. */
    static Optional<Long> liveBytes(Stream<ProcessHandle> serverProcesses) throws IOException, InterruptedException {
        Optional<ProcessHandle> jvm = serverProcesses.filter(process -> process.info().command()
                .map(command -> command.endsWith("/java")).orElse(false)).findFirst();
        if (jvm.isEmpty()) {
            return Optional.empty();
        }
        String pid = Long.toString(jvm.get().pid());
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Optional.of(Long.parseLong(used.group(1)) * 1024) : Optional.empty();
    }

    private static String jcmd(String pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return output;
    }
}
