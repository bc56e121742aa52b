package dev.liaison.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The ceiling: the row intake stores, inserted and committed by plain JDBC on a connection of its own, with no
 * HTTP, no signature check and no application server in between.
 */
final class PlainInsertClient implements LoadClient {

    /** The statement the server's InboxStore runs, aimed at the look-alike table. */
    private static final String INSERT = "insert into " + BenchDatabase.CEILING_TABLE
            + " (workspace_id, connection_id, dedup_key, content_type, headers, query, body, received_at, status, "
            + "attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";
    private static final String WORKSPACE = "default";
    private static final String PENDING = "PENDING";

    private final Connection connection;
    private final PreparedStatement insert;
    private final String connectionId;
    private final Deliveries deliveries;

    PlainInsertClient(Connection connection, String connectionId, Deliveries deliveries) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement(INSERT);
        this.connectionId = connectionId;
        this.deliveries = deliveries;
    }

    @Override
    public void send(long sequence) throws SQLException, RequestFailed {
        Instant now = Instant.now();
        SignedDelivery delivery = deliveries.next(sequence, now);
        Timestamp received = Timestamp.from(now);
        insert.setString(1, WORKSPACE);
        insert.setString(2, connectionId);
        insert.setString(3, delivery.eventId());
        insert.setString(4, "application/json");
        insert.setString(5, headersJson(delivery));
        insert.setString(6, null);
        insert.setBytes(7, delivery.body());
        insert.setTimestamp(8, received);
        insert.setString(9, PENDING);
        insert.setTimestamp(10, received);
        if (insert.executeUpdate() != 1) {
            throw new RequestFailed("no row inserted");
        }
    }

    /** The headers the server stores with each delivery, so that the ceiling's rows are as wide as intake's. */
    static String headersJson(SignedDelivery delivery) {
        return "{\"Content-Length\":[\"" + delivery.body().length + "\"],"
                + "\"Content-Type\":[\"application/json\"],"
                + "\"Host\":[\"127.0.0.1:8280\"],"
                + "\"User-Agent\":[\"Java-http-client/" + Runtime.version().feature() + "\"],"
                + "\"X-Liaison-Signature\":[\"" + delivery.signature() + "\"],"
                + "\"X-Liaison-Timestamp\":[\"" + delivery.timestamp() + "\"]}";
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            insert.close();
        }
    }
}
