package dev.liaison.scenario.tickets;

import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.compliance.RestrictionStore;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.routing.AgentLoad;
import dev.liaison.scenario.routing.Decision;
import dev.liaison.scenario.routing.Router;
import dev.liaison.scenario.routing.RoutingContext;
import dev.liaison.scenario.routing.RoutingRules;
import dev.liaison.scenario.routing.RoutingRulesException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The workspace's active routing rules and the decisions they make. Rules come from the newest version stored
 * through the admin API, or, until one is stored, from the file {@code liaison.routing.rules-file}. A rule set
 * that does not validate is never stored, so the previous one stays active.
 */
@ApplicationScoped
public class RoutingService {

    private record Parsed(int version, RoutingRules rules) {
    }

    private final RuleSetStore ruleSets;
    private final RoutingTraceStore traces;
    private final ProfileService profiles;
    private final RestrictionStore restrictions;
    private final Clock clock;
    private final String rulesFile;
    private final Router router = new Router();
    private final Map<String, Parsed> parsedByWorkspace = new ConcurrentHashMap<>();

    @Inject
    public RoutingService(RuleSetStore ruleSets, RoutingTraceStore traces, ProfileService profiles,
                          RestrictionStore restrictions, Clock clock,
                          @ConfigProperty(name = "liaison.routing.rules-file", defaultValue = " ") String rulesFile) {
        this.ruleSets = ruleSets;
        this.traces = traces;
        this.profiles = profiles;
        this.restrictions = restrictions;
        this.clock = clock;
        this.rulesFile = rulesFile == null ? "" : rulesFile.trim();
    }

    /** For the CDI client proxy only. */
    protected RoutingService() {
        this(null, null, null, null, null, null);
    }

    /** Validates and stores a new version; the caller sees the line and reason of the first problem. */
    public int replaceRules(String source) throws RoutingRulesException {
        RoutingRules rules = RoutingRules.parse(source);
        int version = ruleSets.save(source, clock.instant());
        parsedByWorkspace.put(WorkspaceContext.current(), new Parsed(version, rules));
        return version;
    }

    public Optional<RuleSetStore.StoredRuleSet> activeSource() {
        return ruleSets.active();
    }

    public Optional<RoutingRules> activeRules() {
        Optional<RuleSetStore.StoredRuleSet> stored = ruleSets.active();
        if (stored.isEmpty()) {
            return fromFile();
        }
        Parsed cached = parsedByWorkspace.get(WorkspaceContext.current());
        if (cached != null && cached.version() == stored.get().version()) {
            return Optional.of(cached.rules());
        }
        try {
            RoutingRules rules = RoutingRules.parse(stored.get().source());
            parsedByWorkspace.put(WorkspaceContext.current(), new Parsed(stored.get().version(), rules));
            return Optional.of(rules);
        } catch (RoutingRulesException e) {
            throw new IllegalStateException("stored routing rules version " + stored.get().version()
                    + " no longer validate: " + e.getMessage(), e);
        }
    }

    public Decision decide(RoutingRules rules, RoutingContext context) {
        return router.decide(rules, context, new AgentLoad() {
            @Override
            public long routedCount(String ruleName) {
                return traces.routedCount(ruleName);
            }

            @Override
            public long openTickets(String agentId) {
                return traces.openTickets(agentId);
            }
        });
    }

    /**
     * What conditions see of a person: the profile's id, attributes and identities; empty when unknown, and empty
     * for a restricted profile too (GDPR Art. 18: while restricted, its data is not processed for decisions).
     */
    public Map<String, Object> profileFacts(Optional<Identity> requester) {
        Optional<ProfileEntity> profile = requester.flatMap(profiles::findByIdentity)
                .filter(found -> !restrictions.isRestricted(found.id()));
        Map<String, Object> facts = new LinkedHashMap<>();
        if (profile.isEmpty()) {
            facts.put("attributes", Map.of());
            facts.put("identities", List.of());
            return facts;
        }
        facts.put("id", profile.get().id());
        facts.put("attributes", profiles.attributeValues(profile.get().id()));
        facts.put("identities", profiles.identities(profile.get().id()).stream()
                .map(identity -> identity.identity().kind() + ":" + identity.identity().value()).toList());
        return facts;
    }

    private Optional<RoutingRules> fromFile() {
        if (rulesFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RoutingRules.parse(Files.readString(Path.of(rulesFile), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read liaison.routing.rules-file " + rulesFile, e);
        } catch (RoutingRulesException e) {
            throw new IllegalStateException("liaison.routing.rules-file " + rulesFile + ": " + e.getMessage(), e);
        }
    }
}
