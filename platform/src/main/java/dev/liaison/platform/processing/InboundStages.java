package dev.liaison.platform.processing;

import jakarta.interceptor.Interceptor;

/**
 * The stages of the inbound pipeline, in the order they see each {@link dev.liaison.platform.inbox.InboundEvent}.
 * {@link InboundHandover} fires the event synchronously inside the transaction of an inbox entry
 * ({@link InboxEntryProcessing}) or of a page a sync pulled; every observer of it
 * takes its {@code @Priority} from here, so that this class is the one place that says who runs before whom (CDI
 * calls observers with a lower priority first). A stage that fails rolls the whole entry back, earlier stages
 * included, and the entry is tried again.
 *
 * <ol>
 *     <li>{@link #PROFILE_STORE}: profiles, identities, consent and tombstones</li>
 *     <li>{@link #DELIVERY_REPORTS}: gateways' delivery callbacks move the message log on</li>
 *     <li>{@link #LOYALTY}: won deals earn points</li>
 *     <li>{@link #ROUTING}: new tickets are routed, the decision goes to the outbox</li>
 *     <li>{@link #SCENARIOS}: scenario triggers start runs</li>
 *     <li>journal: not an observer. {@link InboxEntryProcessing} records the event in the
 *         {@link dev.liaison.platform.journal.JournalStore} once the event's observers have all returned, so the
 *         journal only holds what every stage accepted.</li>
 * </ol>
 *
 * The values leave gaps, so that a stage can be put between two others without renumbering them.
 */
public final class InboundStages {

    /**
     * The profile store applies the event: identity resolution, attributes, consent entries, erasure tombstones.
     * First, because every later stage reads the profile as this event leaves it (a ticket's requester, a deal's
     * contact), and a record of an erased person must be dropped before anything else acts on it.
     */
    public static final int PROFILE_STORE = Interceptor.Priority.APPLICATION;

    /**
     * Delivery reports from e-mail and SMS gateways move the message log from SENT to DELIVERED or FAILED. After
     * the profile store, like every stage; it touches only the message log, which no later stage reads, so it goes
     * before the stages that decide actions.
     */
    public static final int DELIVERY_REPORTS = Interceptor.Priority.APPLICATION + 50;

    /**
     * The loyalty program awards points for a won deal to the profile of the deal's contact. After the profile
     * store, so that a contact created by the same delivery is known; before the scenarios, so that a deal-won
     * scenario sees the points the deal earned and a tier change it caused has already started its own scenarios.
     */
    public static final int LOYALTY = Interceptor.Priority.APPLICATION + 100;

    /**
     * Ticket routing decides group, assignee, priority and tags of a new ticket from the requester's profile and
     * writes the decision to the outbox. After the profile store, so the rules see the requester's current profile
     * (tier, language, open deals). Loyalty reacts to deals and routing to tickets, so the order between them
     * changes nothing; routing comes second so that the order is total. Before the scenarios, which come last.
     */
    public static final int ROUTING = Interceptor.Priority.APPLICATION + 150;

    /**
     * Scenario triggers start scenario runs (deal won, ticket solved) and remember which profile a ticket belongs
     * to. Last of the observers, so that a scenario's conditions see everything the earlier stages did with the
     * same event.
     */
    public static final int SCENARIOS = Interceptor.Priority.APPLICATION + 200;

    private InboundStages() {
    }
}
