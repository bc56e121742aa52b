package dev.liaison.web.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password and key guessing without letting anyone lock out the owner of an account.
 * <p>
 * Failed sign-ins are counted per source address and per pair of address and account name. Past a number of free
 * failures each further failure doubles the wait before that address (or that address for that account) may try
 * again, up to a ceiling; the request is answered 429 with {@code Retry-After} without the credential being looked
 * at. There is deliberately no lock per account across all addresses: that is what let an anonymous caller lock out
 * the admin with ten wrong passwords. The owner, signing in from their own address, is never slowed by someone
 * else's failures; guessing from many addresses meets 256-bit key secrets and the admin's own password. A success
 * clears the pair and makes it trusted for a while: a trusted pair is not held by its address's wait, so an account
 * that signed in from an address shared with a guesser (a NAT, a proxy that does not forward client addresses)
 * keeps working. An operator can release an address or an account early.
 * <p>
 * The counts live in this node's memory: behind a load balancer, each node slows the guesser on its own.
 */
public final class SignInThrottle {

    /** The limits: failures allowed before waits start, the first wait, its ceiling, and when a count is forgotten. */
    public record Policy(int freeFailuresPerAccount, int freeFailuresPerAddress, Duration firstWait, Duration maxWait,
                         Duration forgetAfter, int maxTracked) {
    }

    /** A source that must wait: what it is (an address, or address and account), and until when. */
    public record Block(String address, String account, Instant until) {
    }

    private record Key(String address, String account) {
    }

    private record Failures(int count, Instant lastAt, Instant blockedUntil, Instant trustedUntil) {
    }

    private final Policy policy;
    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Policy policy) {
        this.policy = policy;
    }

    /** How long this address, trying this account (null for none), must still wait; empty when it may try now. */
    public Optional<Duration> waitBefore(String address, String account, Instant now) {
        Key pair = new Key(address, account);
        Instant addressWait = account != null && trusted(pair, now) ? null : blockedUntil(new Key(address, null), now);
        Instant until = later(addressWait, account == null ? null : blockedUntil(pair, now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a wrong credential from this address for this account. */
    public void failed(String address, String account, Instant now) {
        if (failures.size() >= policy.maxTracked()) {
            forgetOld(now);
        }
        count(new Key(address, null), policy.freeFailuresPerAddress(), now);
        count(new Key(address, account), policy.freeFailuresPerAccount(), now);
    }

    /** The account signed in from this address: its own failures there are forgiven, and the pair is trusted. */
    public void succeeded(String address, String account, Instant now) {
        if (failures.size() >= policy.maxTracked()) {
            forgetOld(now);
        }
        failures.put(new Key(address, account), new Failures(0, now, null, now.plus(policy.forgetAfter())));
    }

    /** Sources that must wait now, longest wait first. */
    public List<Block> blocked(Instant now) {
        return failures.entrySet().stream()
                .filter(entry -> entry.getValue().blockedUntil() != null
                        && entry.getValue().blockedUntil().isAfter(now))
                .map(entry -> new Block(entry.getKey().address(), entry.getKey().account(),
                        entry.getValue().blockedUntil()))
                .sorted(Comparator.comparing(Block::until).reversed())
                .toList();
    }

    /** Forgets the failures of this address, or of this account from every address; true when there were any. */
    public boolean release(String address, String account) {
        return failures.keySet().removeIf(key -> (address != null && address.equals(key.address()))
                || (account != null && account.equals(key.account())));
    }

    private boolean trusted(Key pair, Instant now) {
        Failures counted = failures.get(pair);
        return counted != null && counted.trustedUntil() != null && counted.trustedUntil().isAfter(now);
    }

    private Instant blockedUntil(Key key, Instant now) {
        Failures counted = failures.get(key);
        return counted == null || counted.blockedUntil() == null || !counted.blockedUntil().isAfter(now)
                ? null : counted.blockedUntil();
    }

    private void count(Key key, int free, Instant now) {
        failures.compute(key, (ignored, before) -> {
            boolean fresh = before == null || forgotten(before, now);
            int count = fresh ? 1 : before.count() + 1;
            return new Failures(count, now, count <= free ? null : now.plus(waitAfter(count - free)),
                    fresh ? null : before.trustedUntil());
        });
    }

    /** The first wait, doubled for each failure past the free ones, never above the ceiling. */
    Duration waitAfter(int failuresOverFree) {
        int doublings = Math.min(failuresOverFree - 1, 30);
        Duration wait = policy.firstWait().multipliedBy(1L << doublings);
        return wait.compareTo(policy.maxWait()) > 0 ? policy.maxWait() : wait;
    }

    private boolean forgotten(Failures counted, Instant now) {
        return counted.lastAt().plus(policy.forgetAfter()).isBefore(now);
    }

    private void forgetOld(Instant now) {
        failures.values().removeIf(counted -> forgotten(counted, now));
        if (failures.size() >= policy.maxTracked()) {
            // Still full of fresh failures: a flood from very many addresses. Waits restart rather than memory grow.
            failures.clear();
        }
    }

    private static Instant later(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        return second == null || first.isAfter(second) ? first : second;
    }
}
