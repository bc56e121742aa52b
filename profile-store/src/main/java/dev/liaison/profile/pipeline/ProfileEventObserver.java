package dev.liaison.profile.pipeline;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ConsentChanged;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.inbox.UnprocessableEventException;
import dev.liaison.platform.processing.InboundStages;
import dev.liaison.profile.compliance.TombstoneStore;
import dev.liaison.profile.consent.ConsentEntry;
import dev.liaison.profile.consent.ConsentFieldMapping;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.ConsentViolation;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.consent.Evidence;
import dev.liaison.profile.identity.IdentifierNormalizer;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentitySettings;
import dev.liaison.profile.identity.InvalidIdentifierException;
import dev.liaison.profile.person.AttributeValue;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.profile.person.Source;
import dev.liaison.profile.timeline.TimelineEvents;
import dev.liaison.profile.timeline.TimelineStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies canonical events to profiles inside the inbox processing transaction. Identifiers that cannot be
 * normalised are skipped and counted in the log (never printed); a consent entry the ledger refuses fails the
 * delivery, which then shows up as dead with the reason. A record of an erased person is dropped before it
 * reaches a profile, counted on the tombstone it hit, and its stored payload emptied. Deals and tickets go to the
 * person's timeline ({@link TimelineStore}) once the requester or contact is resolved.
 */
@ApplicationScoped
public class ProfileEventObserver {

    private static final Logger LOG = Logger.getLogger(ProfileEventObserver.class.getName());
    private static final int ATTRIBUTE_NAME_LIMIT = 100;

    private final ProfileService profiles;
    private final ConsentLedger ledger;
    private final IdentitySettings settings;
    private final TombstoneStore tombstones;
    private final TimelineStore timeline;
    private final Clock clock;

    @Inject
    public ProfileEventObserver(ProfileService profiles, ConsentLedger ledger, IdentitySettings settings,
                                TombstoneStore tombstones, TimelineStore timeline, Clock clock) {
        this.profiles = profiles;
        this.ledger = ledger;
        this.settings = settings;
        this.tombstones = tombstones;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected ProfileEventObserver() {
        this(null, null, null, null, null, null);
    }

    /** Runs before other observers of the same event, so that they see the profile as this event leaves it. */
    void on(@Observes @Priority(InboundStages.PROFILE_STORE) InboundEvent inbound) {
        CanonicalEvent event = inbound.event();
        if (event instanceof ContactUpserted upserted) {
            applyContact(inbound, upserted.ref(), upserted.contact(), upserted.occurredAt())
                    .ifPresent(profileId -> timeline.claimDeals(Identity.of(upserted.ref()).value(), profileId));
        } else if (event instanceof TicketCreated ticket) {
            applyTicket(inbound, ticket);
        } else if (event instanceof TicketUpdated update) {
            timeline.updateTicket(inbound.connection().id(), update.ref().id(), update.changes(), update.occurredAt(),
                    clock.instant());
        } else if (event instanceof DealStageChanged deal) {
            applyDeal(inbound, deal);
        } else if (event instanceof ContactDeleted deleted) {
            profiles.detach(Identity.of(deleted.ref()));
        } else if (event instanceof ConsentChanged consent
                && !erased(inbound, Set.of(Identity.of(consent.subjectRef())))) {
            applyConsent(consent);
        }
    }

    /** The requester becomes a profile like a contact; the ticket is theirs, or no one's when it names no requester. */
    private void applyTicket(InboundEvent inbound, TicketCreated ticket) {
        String profileId = null;
        if (ticket.requesterRef() != null) {
            Optional<String> requester = applyContact(inbound, ticket.requesterRef(),
                    ticket.requester() == null ? emptyContact() : ticket.requester(), ticket.occurredAt());
            if (requester.isEmpty()) {
                return;
            }
            profileId = requester.get();
        }
        timeline.upsertTickets(List.of(TimelineEvents.ticket(inbound.connection().id(), ticket, profileId)),
                clock.instant());
    }

    /**
     * A deal belongs to the profile holding its contact. A deal whose contact no profile holds yet is stored under the
     * contact's ref, and the contact's first {@code contact.upserted} claims it; no profile is made from a deal alone.
     */
    private void applyDeal(InboundEvent inbound, DealStageChanged deal) {
        String profileId = null;
        if (deal.contactRef() != null) {
            Identity contact = Identity.of(deal.contactRef());
            if (erased(inbound, Set.of(contact))) {
                return;
            }
            profileId = profiles.findByIdentity(contact).map(ProfileEntity::id).orElse(null);
        }
        timeline.upsertDeals(List.of(TimelineEvents.deal(inbound.connection().id(), deal, profileId)),
                clock.instant());
    }

    /** The profile the record now belongs to; empty when it is an erased person's and was dropped. */
    private Optional<String> applyContact(InboundEvent inbound, ExternalRef ref, Contact contact, Instant occurredAt) {
        ConnectionContext connection = inbound.connection();
        Set<Identity> identities = new LinkedHashSet<>();
        identities.add(Identity.of(ref));
        IdentifierNormalizer normalizer = settings.normalizer();
        int skipped = 0;
        for (String email : contact.emails()) {
            try {
                identities.add(normalizer.email(email));
            } catch (InvalidIdentifierException e) {
                skipped++;
            }
        }
        for (String phone : contact.phones()) {
            try {
                identities.add(normalizer.phone(phone));
            } catch (InvalidIdentifierException e) {
                skipped++;
            }
        }
        if (skipped > 0) {
            int count = skipped;
            LOG.info(() -> "Skipped " + count + " identifier(s) that could not be normalised on record " + ref.id()
                    + " of connection " + ref.connectionId());
        }
        if (erased(inbound, identities)) {
            return Optional.empty();
        }
        Source source = new Source(ref.system(), ref.connectionId(), ref.id());
        ProfileEntity profile = profiles.resolve(identities, source);
        profiles.applyAttributes(profile.id(), attributes(contact, source, occurredAt));
        applyConsentFields(connection, profile.id(), contact, source, occurredAt);
        return Optional.of(profile.id());
    }

    private boolean erased(InboundEvent inbound, Set<Identity> identities) {
        if (!tombstones.dropIfErased(identities)) {
            return false;
        }
        tombstones.forgetPayload(inbound.inboxEntryId());
        LOG.info(() -> "Dropped a record of an erased person from inbox entry " + inbound.inboxEntryId()
                + " of connection " + inbound.connection().id());
        return true;
    }

    /** Consent checkboxes mapped in the connection's settings; only a change of decision is appended. */
    private void applyConsentFields(ConnectionContext connection, String profileId, Contact contact, Source source,
                                    Instant occurredAt) {
        ConsentFieldMapping mapping;
        try {
            mapping = ConsentFieldMapping.parse(connection.setting(SettingsSpec.CONSENT_FIELDS).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEventException("connection " + connection.id() + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, ConsentFieldMapping.Target> field : mapping.targets().entrySet()) {
            if (!contact.attributes().containsKey(field.getKey())) {
                continue;
            }
            Optional<Decision> decision = ConsentFieldMapping.decisionOf(contact.attributes().get(field.getKey()));
            ConsentFieldMapping.Target target = field.getValue();
            Optional<ConsentRecord> current = ledger.current(profileId).governing(target.purpose(), target.channel());
            boolean changes = decision.isPresent() && (current.isPresent()
                    ? current.get().decision() != decision.get() : decision.get() == Decision.GRANTED);
            if (changes) {
                record(profileId, new ConsentEntry(target.purpose(), target.channel(), decision.get(), source,
                        new Evidence(null, null, "CRM field " + field.getKey(), null, null, null), occurredAt));
            }
        }
    }

    private static List<AttributeValue> attributes(Contact contact, Source source, Instant occurredAt) {
        List<AttributeValue> attributes = new ArrayList<>();
        addIfPresent(attributes, "firstName", contact.firstName(), source, occurredAt);
        addIfPresent(attributes, "lastName", contact.lastName(), source, occurredAt);
        addIfPresent(attributes, "language", contact.language(), source, occurredAt);
        addIfPresent(attributes, "company", contact.company(), source, occurredAt);
        contact.attributes().forEach((name, value) -> {
            if (name.length() <= ATTRIBUTE_NAME_LIMIT) {
                addIfPresent(attributes, name, value, source, occurredAt);
            }
        });
        return attributes;
    }

    private static void addIfPresent(List<AttributeValue> attributes, String name, String value, Source source,
                                     Instant occurredAt) {
        if (value != null && !value.isBlank()) {
            attributes.add(new AttributeValue(name, value.trim(), source, occurredAt));
        }
    }

    private void applyConsent(ConsentChanged consent) {
        ExternalRef subject = consent.subjectRef();
        ProfileEntity profile = profiles.resolve(Set.of(Identity.of(subject)),
                new Source(subject.system(), subject.connectionId(), subject.id()));
        Evidence evidence = new Evidence(null, null, "recorded in " + consent.ref().system(), consent.evidence(),
                null, null);
        record(profile.id(), new ConsentEntry(consent.purpose(), consent.channel(),
                consent.granted() ? Decision.GRANTED : Decision.WITHDRAWN,
                new Source(consent.ref().system(), consent.ref().connectionId(), consent.ref().id()),
                evidence, consent.occurredAt()));
    }

    private void record(String profileId, ConsentEntry entry) {
        try {
            ledger.record(profileId, entry);
        } catch (ConsentViolation e) {
            throw new UnprocessableEventException("consent from " + entry.source().system() + " refused: "
                    + e.describe(), e);
        }
    }

    private static Contact emptyContact() {
        return new Contact(null, null, List.of(), List.of(), null, null, Map.of());
    }
}
