package dev.liaison.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.CredentialStore.Rotated;
import dev.liaison.connector.api.CredentialStore.Rotation;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.platform.secrets.SecretBox;
import dev.liaison.platform.secrets.SecretSettings;
import dev.liaison.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SealedCredentialStoreTest {

    private static final String ID = "2f1c5a4e-8d3b-4c6a-9e7f-0a1b2c3d4e5f";

    private final TestDatabase database = TestDatabase.migrated();
    private final SecretSettings secrets = new SecretSettings(
            "test:" + Base64.getEncoder().encodeToString(new byte[32]), " ", "data");
    private final SecretBox box = secrets.box();
    private final SealedCredentialStore store = new SealedCredentialStore(database, secrets);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private void insert(Map<String, String> settings) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'amocrm', 'amo', ?, "
                     + "'ACTIVE', current_timestamp, 3)")) {
            insert.setString(1, ID);
            insert.setString(2, box.seal(SettingsJson.write(settings), ID));
            insert.executeUpdate();
        }
    }

    private String sealed() throws Exception {
        return column("settings");
    }

    private Map<String, String> settings() throws Exception {
        return SettingsJson.read(box.open(sealed(), ID));
    }

    private long version() throws Exception {
        return Long.parseLong(column("version"));
    }

    private String column(String name) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + name + " from connection where id = ?")) {
            select.setString(1, ID);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    @Test
    void storesTheChangedKeysSealedAndKeepsTheOthers() throws Exception {
        insert(Map.of("subdomain", "example", "refreshToken", "refresh-0", "accessToken", "access-0"));

        String result = store.rotate(ID, current -> new Rotated<>(
                Map.of("accessToken", "access-1", "refreshToken", "refresh-1"), current.get("refreshToken")));

        assertThat(result).isEqualTo("refresh-0");
        assertThat(settings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "subdomain", "example", "refreshToken", "refresh-1", "accessToken", "access-1"));
        assertThat(sealed()).startsWith("v1:test:").doesNotContain("refresh-1", "access-1");
        assertThat(version()).as("the entity's @Version moves on").isEqualTo(4);
    }

    @Test
    void anUnchangedRotationWritesNothing() throws Exception {
        insert(Map.of("accessToken", "access-0"));
        String before = sealed();

        String result = store.rotate(ID, current -> Rotated.unchanged(current.get("accessToken")));

        assertThat(result).isEqualTo("access-0");

        assertThat(sealed()).isEqualTo(before);
        assertThat(version()).isEqualTo(3);
    }

    @Test
    void aRotationThatThrowsChangesNothingAndReleasesTheLock() throws Exception {
        insert(Map.of("refreshToken", "refresh-0"));
        String before = sealed();

        assertThatThrownBy(() -> store.rotate(ID, current -> {
            throw RemoteSystemException.permanent("HTTP 401 from POST /oauth2/access_token");
        })).isInstanceOf(RemoteSystemException.class);
        assertThatThrownBy(() -> store.rotate(ID, current -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");

        assertThat(sealed()).isEqualTo(before);
        assertThat(version()).isEqualTo(3);
        String after = store.rotate(ID, current -> new Rotated<>(Map.of("refreshToken", "refresh-1"), "done"));
        assertThat(after).isEqualTo("done");
        assertThat(settings()).containsEntry("refreshToken", "refresh-1");
    }

    @Test
    void theRotationCannotChangeTheSettingsItIsHanded() throws Exception {
        insert(Map.of("refreshToken", "refresh-0"));

        assertThatThrownBy(() -> store.rotate(ID, current -> {
            current.put("refreshToken", "sneaked");
            return Rotated.unchanged(null);
        })).isInstanceOf(UnsupportedOperationException.class);
        assertThat(settings()).containsEntry("refreshToken", "refresh-0");
    }

    @Test
    void anUnknownConnectionIsRefused() {
        assertThatThrownBy(() -> store.rotate("no-such-connection", current -> Rotated.unchanged(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-connection");
    }

    /**
     * The second thread asks while the first is still calling the "refresh endpoint": it waits for the row, then
     * sees the first one's tokens and does not call the endpoint with the refresh token already spent.
     */
    @Test
    void concurrentRotationsQueueAndTheSecondSeesTheFirstsTokens() throws Exception {
        insert(Map.of("accessToken", "access-0", "refreshToken", "refresh-0", "expiresAt", "expired"));
        AtomicInteger endpointCalls = new AtomicInteger();
        List<String> spentRefreshTokens = new CopyOnWriteArrayList<>();
        CountDownLatch firstInside = new CountDownLatch(1);
        Rotation<String> refreshUnlessFresh = current -> {
            firstInside.countDown();
            if ("fresh".equals(current.get("expiresAt"))) {
                return Rotated.unchanged(current.get("accessToken"));
            }
            spentRefreshTokens.add(current.get("refreshToken"));
            int call = endpointCalls.incrementAndGet();
            sleep(400);
            return new Rotated<>(Map.of("accessToken", "access-" + call, "refreshToken", "refresh-" + call,
                    "expiresAt", "fresh"), "access-" + call);
        };

        Future<String> first = threads.submit(() -> store.rotate(ID, refreshUnlessFresh));
        assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> second = threads.submit(() -> store.rotate(ID, refreshUnlessFresh));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("access-1");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("access-1");
        assertThat(endpointCalls).hasValue(1);
        assertThat(spentRefreshTokens).containsExactly("refresh-0");
        assertThat(settings()).containsEntry("refreshToken", "refresh-1").containsEntry("accessToken", "access-1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
