package dev.liaison.scenario.loyalty;

/** What a ledger entry did to the balance. */
public enum EntryKind {
    /** Points awarded by an earning rule; they open a lot that expires. */
    EARN,
    /** Points spent through the redemption API. */
    REDEEM,
    /** What was left of an earn entry's lot when its period ran out. */
    EXPIRE,
    /** A manual correction, positive or negative; it neither expires nor counts towards the tier. */
    ADJUST
}
