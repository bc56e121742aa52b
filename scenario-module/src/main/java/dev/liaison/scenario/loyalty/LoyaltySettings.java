package dev.liaison.scenario.loyalty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The loyalty program (the file {@code liaison.loyalty.program-file}, or the packaged copy of
 * {@code config/scenarios/loyalty.yaml}) and how far ahead the API looks for expiring points. The program is read
 * once, when the application starts: a file that does not validate stops the deployment with its line.
 */
@ApplicationScoped
public class LoyaltySettings {

    static final String PACKAGED_PROGRAM = "scenarios/loyalty.yaml";

    private final LoyaltyProgram program;
    private final Duration expiringSoon;

    @Inject
    public LoyaltySettings(
            @ConfigProperty(name = "liaison.loyalty.program-file", defaultValue = " ") String programFile,
            @ConfigProperty(name = "liaison.loyalty.expiring-soon", defaultValue = "P30D") Duration expiringSoon) {
        this(programFile == null ? null : load(programFile.trim()), expiringSoon);
    }

    public LoyaltySettings(LoyaltyProgram program, Duration expiringSoon) {
        this.program = program;
        this.expiringSoon = expiringSoon;
    }

    /** For the CDI client proxy only. */
    protected LoyaltySettings() {
        this((LoyaltyProgram) null, null);
    }

    public LoyaltyProgram program() {
        return program;
    }

    public Duration expiringSoon() {
        return expiringSoon;
    }

    static LoyaltyProgram load(String file) {
        String name = file.isEmpty() ? PACKAGED_PROGRAM : file;
        String source;
        try {
            source = file.isEmpty() ? packaged() : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the loyalty program " + name, e);
        }
        try {
            return LoyaltyProgram.parse(source);
        } catch (LoyaltyProgramException e) {
            throw new IllegalStateException("loyalty program " + name + ", " + e.getMessage(), e);
        }
    }

    private static String packaged() throws IOException {
        try (InputStream packaged = LoyaltySettings.class.getClassLoader().getResourceAsStream(PACKAGED_PROGRAM)) {
            if (packaged == null) {
                throw new IllegalStateException(PACKAGED_PROGRAM + " is missing from the classpath");
            }
            return new String(packaged.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
