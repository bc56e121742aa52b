package dev.liaison.profile.messaging;

import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.profile.compliance.RestrictionStore;
import dev.liaison.profile.compliance.SubjectHashes;
import dev.liaison.profile.consent.ConsentRefusals;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Everything asked right before a message goes to a gateway, in this order: the person still exists (not erased),
 * processing is not restricted, consent (marketing purposes need a current grant for the purpose and channel; the
 * consent gate decides and records), an address on the profile, hard suppression, the frequency cap, and quiet
 * hours in the person's time zone. Quiet hours defer; everything else refuses, and every refusal is recorded with
 * its reason in the consent gate's refusals. It decides for the current workspace, which the caller binds.
 */
@ApplicationScoped
public class MessageGate {

    /** When a profile names no time zone, the country of its locale suggests one. */
    private static final Map<String, String> COUNTRY_ZONES = Map.of(
            "RU", "Europe/Moscow", "BY", "Europe/Minsk", "KZ", "Asia/Almaty", "GB", "Europe/London",
            "DE", "Europe/Berlin", "FR", "Europe/Paris", "US", "America/New_York");
    private static final int MERGE_HOPS = 16;

    private final WorkspaceJdbc jdbc;
    private final ConsentGate consent;
    private final ConsentRefusals refusals;
    private final RestrictionStore restrictions;
    private final SuppressionStore suppressions;
    private final MessageLogStore log;
    private final SubjectHashes hashes;
    private final MessagingSettings settings;
    private final PipelineMetrics metrics;

    @Inject
    public MessageGate(DataSource dataSource, ConsentGate consent, ConsentRefusals refusals,
                       RestrictionStore restrictions, SuppressionStore suppressions, MessageLogStore log,
                       SubjectHashes hashes, MessagingSettings settings, PipelineMetrics metrics) {
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.consent = consent;
        this.refusals = refusals;
        this.restrictions = restrictions;
        this.suppressions = suppressions;
        this.log = log;
        this.hashes = hashes;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** For the CDI client proxy only. */
    protected MessageGate() {
        this(null, null, null, null, null, null, null, null, null);
    }

    public GateDecision decide(MessageRequest request, Instant now) {
        Optional<String> current = survivor(request.profileId());
        if (current.isEmpty()) {
            // The profile and its refusals are gone with the erasure, so this refusal lives in the message log only.
            metrics.consentRefused("erased");
            return new GateDecision.Refuse("the person was erased or is unknown");
        }
        String profileId = current.get();
        if (restrictions.isRestricted(profileId)) {
            return refuse(profileId, request, "restricted", "processing is restricted by a data-subject request");
        }
        if (request.marketing()) {
            ConsentGate.Verdict verdict = consent.check(profileId, request.purpose(), request.channel());
            if (!verdict.allowed()) {
                return new GateDecision.Refuse(verdict.reason());
            }
        }
        Optional<Identity> address = address(profileId, request.channel());
        if (address.isEmpty()) {
            return refuse(profileId, request, "no-address", "the profile has no " + request.channel() + " address");
        }
        String hash = hashes.hash(address.get());
        if (suppressions.suppressed(request.channel(), hash)) {
            return refuse(profileId, request, "suppressed", "the recipient is on the hard-suppression list");
        }
        if (request.marketing() && settings.frequencyCap() > 0) {
            int recent = log.consentBasedSince(lineage(profileId), now.minus(settings.frequencyWindow()));
            if (recent >= settings.frequencyCap()) {
                return refuse(profileId, request, "frequency-cap", "frequency cap: " + recent
                        + " consent-based messages in the last " + settings.frequencyWindow());
            }
        }
        if (request.marketing() || settings.quietHoursForService()) {
            ZoneId zone = zone(profileId);
            Optional<Instant> quietUntil = quietUntil(now, zone);
            if (quietUntil.isPresent()) {
                return new GateDecision.Defer(quietUntil.get(), "quiet hours in " + zone + " until "
                        + settings.quietEnd());
            }
        }
        return new GateDecision.Send(address.get().value(), hash, request.marketing()
                ? "consent checked" : "service message");
    }

    /** Records a gateway's hard refusal of the recipient, so no purpose reaches them again. */
    public void suppress(String channel, String recipientHash, String source, Instant now) {
        suppressions.suppress(channel, recipientHash, source, now);
    }

    /** The end of the quiet window {@code now} falls in, in {@code zone}; empty outside it. */
    Optional<Instant> quietUntil(Instant now, ZoneId zone) {
        LocalTime start = settings.quietStart();
        LocalTime end = settings.quietEnd();
        if (start == null || end == null || start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = start.isAfter(end);
        boolean quiet = wraps ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime until = local.toLocalDate().atTime(end).atZone(zone);
        if (!until.isAfter(local)) {
            until = until.plusDays(1);
        }
        return Optional.of(until.toInstant());
    }

    /** The profile's {@code timezone} attribute, else its locale's country, else the configured default. */
    public ZoneId zone(String profileId) {
        Map<String, String> attributes = new HashMap<>();
        jdbc.query("select name, attribute_value from profile_attribute where workspace_id = :workspace "
                + "and profile_id = ? and name in ('timezone', 'locale', 'language')",
                row -> attributes.put(row.getString(1), row.getString(2)), profileId);
        String named = attributes.get("timezone");
        if (named != null) {
            try {
                return ZoneId.of(named.trim());
            } catch (DateTimeException unknown) {
                // an unusable value falls through to the locale, as if none were given
            }
        }
        String tag = attributes.getOrDefault("locale", attributes.get("language"));
        if (tag != null) {
            String country = Locale.forLanguageTag(tag.trim().replace('_', '-')).getCountry();
            String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
            String zone = COUNTRY_ZONES.get(country.isEmpty() ? language.toUpperCase(Locale.ROOT) : country);
            if (zone != null) {
                return ZoneId.of(zone);
            }
        }
        return settings.defaultZone();
    }

    /** {@code code} is the metric's reason label: fixed, where {@code reason} may name counts and channels. */
    private GateDecision refuse(String profileId, MessageRequest request, String code, String reason) {
        refusals.record(profileId, request.purpose(), request.channel(), reason);
        metrics.consentRefused(code);
        return new GateDecision.Refuse(reason);
    }

    /** The profile the message was meant for, or the one that absorbed it in a merge; empty when erased. */
    private Optional<String> survivor(String profileId) {
        String current = profileId;
        for (int hop = 0; hop < MERGE_HOPS; hop++) {
            List<String> mergedInto = jdbc.query("select coalesce(merged_into, '') from profile where "
                    + "workspace_id = :workspace and id = ?", row -> row.getString(1), current);
            if (mergedInto.isEmpty()) {
                return Optional.empty();
            }
            if (mergedInto.get(0).isEmpty()) {
                return Optional.of(current);
            }
            current = mergedInto.get(0);
        }
        return Optional.empty();
    }

    /** The profile and those it absorbed: the frequency cap counts what was sent to any of them. */
    private List<String> lineage(String profileId) {
        List<String> lineage = new ArrayList<>(List.of(profileId));
        for (int i = 0; i < lineage.size() && i < MERGE_HOPS * MERGE_HOPS; i++) {
            lineage.addAll(jdbc.query("select id from profile where workspace_id = :workspace and merged_into = ?",
                    row -> row.getString(1), lineage.get(i)));
        }
        return lineage;
    }

    /** The newest verified-by-normalisation address of the channel's kind; read at send time, never stored. */
    private Optional<Identity> address(String profileId, String channel) {
        IdentityKind kind = switch (channel) {
            case "email" -> IdentityKind.EMAIL;
            case "sms" -> IdentityKind.PHONE;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        return jdbc.first("select identity_value from profile_identity where workspace_id = :workspace "
                + "and profile_id = ? and kind = ? order by created_at desc, id desc",
                row -> new Identity(kind, row.getString(1)), profileId, kind.name());
    }
}
