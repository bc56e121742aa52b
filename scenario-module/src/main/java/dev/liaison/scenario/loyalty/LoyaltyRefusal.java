package dev.liaison.scenario.loyalty;

/** A redemption or adjustment the ledger refuses; nothing was written. */
public class LoyaltyRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The balance does not cover the points taken. */
        INSUFFICIENT_POINTS,
        /** The idempotency key was used before for a different request. */
        KEY_REUSED
    }

    private final Reason reason;
    private final long balance;

    public LoyaltyRefusal(Reason reason, long balance, String message) {
        super(message);
        this.reason = reason;
        this.balance = balance;
    }

    public Reason reason() {
        return reason;
    }

    /** The balance when the request was refused. */
    public long balance() {
        return balance;
    }
}
