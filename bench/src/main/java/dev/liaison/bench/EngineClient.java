package dev.liaison.bench;

import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.scenario.engine.Occurrence;
import dev.liaison.scenario.engine.ScenarioEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One worker thread's way into the engine: a won deal for one profile, started in a transaction of its own on the
 * thread's own connection and committed, as the inbox processes one entry. The load driver numbers requests from 1
 * across all the runs it makes, so request {@code n} is for profile {@code n - 1}: the warm-up takes the first
 * profiles, the measured run the ones after them, and no profile is started twice.
 */
final class EngineClient implements LoadClient {

    private final ScenarioEngine engine;
    private final TransactionBoundDataSource transactions;
    private final List<String> profileIds;
    private final Connection connection;

    EngineClient(ScenarioEngine engine, TransactionBoundDataSource transactions, List<String> profileIds,
                 Connection connection) throws SQLException {
        this.engine = engine;
        this.transactions = transactions;
        this.profileIds = profileIds;
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    @Override
    public void send(long sequence) throws SQLException {
        int index = Math.toIntExact(sequence - 1);
        Occurrence deal = DealWonScenario.wonDeal(profileIds.get(index), index);
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
        try {
            transactions.inTransaction(connection, () -> engine.start(deal));
        } finally {
            WorkspaceContext.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
