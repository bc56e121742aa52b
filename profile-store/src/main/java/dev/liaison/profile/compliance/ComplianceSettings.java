package dev.liaison.profile.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings of data-subject requests: the production calendar (a file path, or the packaged copy of
 * {@code config/compliance/ru-production-calendar.yaml}), the time zones deadlines are counted in, how early a
 * request counts as due soon, and how failed systems are retried.
 */
@ApplicationScoped
public class ComplianceSettings {

    static final String PACKAGED_CALENDAR = "compliance/ru-production-calendar.yaml";

    private final DueDates dueDates;
    private final Duration dueSoon;
    private final RetryPolicy retry;
    private final String phoneRegion;

    @Inject
    public ComplianceSettings(
            @ConfigProperty(name = "liaison.compliance.ru-calendar", defaultValue = " ") String calendarFile,
            @ConfigProperty(name = "liaison.compliance.ru-zone", defaultValue = "Europe/Moscow") String russianZone,
            @ConfigProperty(name = "liaison.compliance.gdpr-zone", defaultValue = "UTC") String gdprZone,
            @ConfigProperty(name = "liaison.compliance.due-soon", defaultValue = "P3D") Duration dueSoon,
            @ConfigProperty(name = "liaison.compliance.retry.base", defaultValue = "PT30S") Duration retryBase,
            @ConfigProperty(name = "liaison.compliance.retry.max", defaultValue = "PT1H") Duration retryMax,
            @ConfigProperty(name = "liaison.compliance.retry.max-attempts", defaultValue = "8") int maxAttempts,
            @ConfigProperty(name = "liaison.identity.phone-region", defaultValue = "RU") String phoneRegion) {
        this.dueDates = calendarFile == null ? null
                : new DueDates(calendar(calendarFile.trim()), ZoneId.of(russianZone), ZoneId.of(gdprZone));
        this.dueSoon = dueSoon;
        this.retry = new RetryPolicy(retryBase, retryMax, maxAttempts);
        this.phoneRegion = phoneRegion;
    }

    /** For the CDI client proxy only. */
    protected ComplianceSettings() {
        this(null, null, null, null, null, null, 0, null);
    }

    public DueDates dueDates() {
        return dueDates;
    }

    public Duration dueSoon() {
        return dueSoon;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** The region national phone numbers in payloads are read in, as identity resolution reads them. */
    public String phoneRegion() {
        return phoneRegion;
    }

    static ProductionCalendar calendar(String file) {
        if (file.isEmpty()) {
            try (InputStream packaged = ComplianceSettings.class.getClassLoader()
                    .getResourceAsStream(PACKAGED_CALENDAR)) {
                if (packaged == null) {
                    throw new IllegalStateException(PACKAGED_CALENDAR + " is missing from the classpath");
                }
                return ProductionCalendar.parse(packaged, PACKAGED_CALENDAR);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream configured = Files.newInputStream(Path.of(file))) {
            return ProductionCalendar.parse(configured, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read liaison.compliance.ru-calendar " + file, e);
        }
    }
}
