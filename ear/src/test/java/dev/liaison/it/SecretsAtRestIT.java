package dev.liaison.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Greps what the database holds for a known connector secret: the raw H2 file in embedded mode, every column of
 * the connection table on PostgreSQL. The connection's name, stored in clear, proves the grep sees the data.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretsAtRestIT {

    @Deployment(testable = false)
    static EnterpriseArchive liaison() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("liaison.ear")));
    }

    @ArquillianResource
    URL deploymentUrl;

    @Test
    void noConnectorSecretIsStoredInClear() throws Exception {
        LiaisonClient client = new LiaisonClient(
                new URL(deploymentUrl.getProtocol(), deploymentUrl.getHost(), deploymentUrl.getPort(), "/").toURI());
        String name = "visible-name-" + UUID.randomUUID();
        String secret = "known-secret-" + UUID.randomUUID();
        LiaisonClient.Reply created = client.postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":\""
                + name + "\",\"settings\":{\"signingSecret\":\"" + secret + "\"}}");
        assertThat(created.status()).isEqualTo(201);
        String connectionId = created.json().getString("id");
        assertThat(client.deliver(connectionId, secret, LiaisonClient.contactEvent("evt-s", "1")).status())
                .as("the sealed secret still verifies webhooks").isEqualTo(202);

        String dump = databaseDump();

        assertThat(dump).contains(name).doesNotContain(secret);
        assertThat(client.postJson("api/admin/secrets/rotate", "").json().getInt("resealed")).isZero();
    }

    private static String databaseDump() throws Exception {
        String jdbcUrl = System.getProperty("liaison.test.jdbc-url", "");
        if (jdbcUrl.isBlank()) {
            Path h2File = Path.of(System.getProperty("jboss.home"), "standalone", "data", "liaison.mv.db");
            return new String(Files.readAllBytes(h2File), StandardCharsets.ISO_8859_1);
        }
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select c::text from connection c")) {
            while (rows.next()) {
                dump.append(rows.getString(1)).append('\n');
            }
        }
        return dump.toString();
    }
}
