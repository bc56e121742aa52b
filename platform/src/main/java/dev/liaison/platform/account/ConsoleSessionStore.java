package dev.liaison.platform.account;

import dev.liaison.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The console's sign-ins. A session is created only after the server's realm (or the identity provider) verified the
 * caller, with the workspace and roles that verification gave; the browser keeps a random token, the table its
 * SHA-256. Sessions live in the database rather than in one server's memory so that any node behind a load
 * balancer serves them, and signing out on one node signs out everywhere.
 */
@ApplicationScoped
public class ConsoleSessionStore {

    /** A console session may go unused this long before it is refused. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** However active, a session ends this long after the sign-in. */
    public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);
    /** Touching the row on every page would write on every read; once a minute keeps the idle timeout honest. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbc everyWorkspace;

    /** A verified sign-in: who, in which workspace, with which roles, and the token its forms must carry. */
    public record ConsoleSession(String username, String workspace, Set<String> roles, String csrfToken,
                                 Instant lastSeenAt) {

        public ConsoleSession {
            roles = Set.copyOf(roles);
        }
    }

    /** What the browser gets: the cookie's token (never stored) and the session it opens. */
    public record Opened(String token, ConsoleSession session) {
    }

    @Inject
    public ConsoleSessionStore(DataSource dataSource) {
        this.everyWorkspace = new Jdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected ConsoleSessionStore() {
        this(null);
    }

    public Opened open(String username, String workspace, Set<String> roles, Instant now) {
        String token = randomToken();
        String csrf = randomToken();
        everyWorkspace.update("insert into console_session (token_hash, username, workspace_id, roles, csrf_token, "
                + "created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)", hash(token), username,
                workspace, String.join(",", new LinkedHashSet<>(roles.stream().sorted().toList())), csrf, now, now,
                now.plus(ABSOLUTE_TIMEOUT));
        return new Opened(token, new ConsoleSession(username, workspace, roles, csrf, now));
    }

    /** The live session the token opens: empty for an unknown, expired or idle one. */
    public Optional<ConsoleSession> find(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        List<ConsoleSession> found = everyWorkspace.query("select username, workspace_id, roles, csrf_token, "
                + "last_seen_at from console_session where token_hash = ? and expires_at > ? and last_seen_at > ?",
                row -> new ConsoleSession(row.getString(1), row.getString(2), roles(row.getString(3)),
                        row.getString(4), Jdbc.instant(row.getTimestamp(5))),
                hash, now, now.minus(IDLE_TIMEOUT));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = found.get(0);
        if (session.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            everyWorkspace.update("update console_session set last_seen_at = ? where token_hash = ?", now, hash);
        }
        return Optional.of(session);
    }

    public void close(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 100) {
            everyWorkspace.update("delete from console_session where token_hash = ?", hash(token));
        }
    }

    /** Removes sessions nobody can use any more; returns how many. */
    public int purgeEnded(Instant now) {
        return everyWorkspace.update("delete from console_session where expires_at <= ? or last_seen_at <= ?", now,
                now.minus(IDLE_TIMEOUT));
    }

    private static Set<String> roles(String stored) {
        return stored.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(stored.split(",")));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
