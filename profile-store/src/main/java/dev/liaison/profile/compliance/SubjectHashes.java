package dev.liaison.profile.compliance;

import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Salted hashes of normalised identifiers: HMAC-SHA256 under a random per-workspace key, so that the same e-mail
 * hashes differently in two workspaces and nobody without the key can test a guessed identifier against a hash.
 * The key is stored sealed with the application's key ring and created on the workspace's first request. Every hash
 * is of the current workspace.
 */
@ApplicationScoped
public class SubjectHashes {

    private static final int SALT_BYTES = 32;

    private final WorkspaceJdbc jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final Map<String, byte[]> salts = new ConcurrentHashMap<>();

    @Inject
    public SubjectHashes(DataSource dataSource, SecretSettings secrets, Clock clock) {
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.box = secrets == null ? null : secrets.box();
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected SubjectHashes() {
        this(null, null, null);
    }

    /** Hashes with the workspace's key, creating the key if the workspace has none yet. */
    public String hash(Identity identity) {
        String workspace = WorkspaceContext.current();
        return hmac(salt(workspace).orElseGet(() -> create(workspace)), identity);
    }

    /** Hashes only if the workspace has a key: one without has never had a request, so it has no tombstone. */
    public Optional<String> hashIfKeyed(Identity identity) {
        return salt(WorkspaceContext.current()).map(salt -> hmac(salt, identity));
    }

    private Optional<byte[]> salt(String workspace) {
        byte[] cached = salts.get(workspace);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> sealed = jdbc.first("select sealed_salt from compliance_salt where workspace_id = :workspace",
                row -> row.getString(1));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        byte[] salt = Base64.getDecoder().decode(box.open(sealed.get(), owner(workspace)));
        salts.put(workspace, salt);
        return Optional.of(salt);
    }

    private byte[] create(String workspace) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        // Two first requests of one workspace at once: the loser's transaction fails on the primary key and is
        // repeated by its caller, which then finds the winner's key.
        jdbc.update("insert into compliance_salt (workspace_id, sealed_salt, created_at) values (:workspace, ?, ?)",
                box.seal(Base64.getEncoder().encodeToString(salt), owner(workspace)), clock.instant());
        // Not cached until read back committed: a rolled-back transaction must not leave a key nobody stored.
        return salt;
    }

    private static String owner(String workspace) {
        return "compliance-salt:" + workspace;
    }

    private static String hmac(byte[] salt, Identity identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((identity.kind().name() + ":" + identity.value())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
