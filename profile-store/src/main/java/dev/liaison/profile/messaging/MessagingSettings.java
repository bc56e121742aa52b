package dev.liaison.profile.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Quiet hours, the frequency cap and the send lease. Quiet hours apply to consent-based purposes only unless
 * {@code quietHoursForService} says otherwise: a ticket reply or an order update is expected at once.
 */
@ApplicationScoped
public class MessagingSettings {

    private final LocalTime quietStart;
    private final LocalTime quietEnd;
    private final ZoneId defaultZone;
    private final boolean quietHoursForService;
    private final int frequencyCap;
    private final Duration frequencyWindow;
    private final Duration sendLease;

    @Inject
    public MessagingSettings(
            @ConfigProperty(name = "liaison.messaging.quiet-hours.start", defaultValue = "21:00") String quietStart,
            @ConfigProperty(name = "liaison.messaging.quiet-hours.end", defaultValue = "09:00") String quietEnd,
            @ConfigProperty(name = "liaison.messaging.default-zone", defaultValue = "Europe/Moscow") String zone,
            @ConfigProperty(name = "liaison.messaging.quiet-hours.service", defaultValue = "false")
            boolean quietHoursForService,
            @ConfigProperty(name = "liaison.messaging.frequency-cap.count", defaultValue = "3") int frequencyCap,
            @ConfigProperty(name = "liaison.messaging.frequency-cap.window", defaultValue = "PT24H")
            String frequencyWindow,
            @ConfigProperty(name = "liaison.messaging.send-lease", defaultValue = "PT2M") String sendLease) {
        this(quietStart == null ? null : LocalTime.parse(quietStart), quietEnd == null ? null : LocalTime.parse(quietEnd),
                zone == null ? null : ZoneId.of(zone), quietHoursForService, frequencyCap,
                frequencyWindow == null ? null : Duration.parse(frequencyWindow),
                sendLease == null ? null : Duration.parse(sendLease));
    }

    public MessagingSettings(LocalTime quietStart, LocalTime quietEnd, ZoneId defaultZone, boolean quietHoursForService,
                             int frequencyCap, Duration frequencyWindow, Duration sendLease) {
        this.quietStart = quietStart;
        this.quietEnd = quietEnd;
        this.defaultZone = defaultZone;
        this.quietHoursForService = quietHoursForService;
        this.frequencyCap = frequencyCap;
        this.frequencyWindow = frequencyWindow;
        this.sendLease = sendLease;
    }

    /** For the CDI client proxy only. */
    protected MessagingSettings() {
        this((LocalTime) null, null, null, false, 0, null, null);
    }

    public LocalTime quietStart() {
        return quietStart;
    }

    public LocalTime quietEnd() {
        return quietEnd;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public boolean quietHoursForService() {
        return quietHoursForService;
    }

    /** At most this many consent-based messages per person per {@link #frequencyWindow()}; 0 turns the cap off. */
    public int frequencyCap() {
        return frequencyCap;
    }

    public Duration frequencyWindow() {
        return frequencyWindow;
    }

    /**
     * How long a SENDING action belongs to the node that started it. Longer than a gateway call can take (RemoteCalls
     * gives up after 20 s), so a live node's send is never taken over while it is still in flight.
     */
    public Duration sendLease() {
        return sendLease;
    }
}
