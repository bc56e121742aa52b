package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionBoundDataSourceTest {

    private final List<String> calls = new ArrayList<>();
    private final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                calls.add(method.getName());
                return method.getName().equals("isClosed") ? false : null;
            });
    private final TransactionBoundDataSource dataSource = new TransactionBoundDataSource();

    @Test
    void everyCallOfTheWorkGetsTheOneConnectionAndItsCloseIsIgnored() throws SQLException {
        dataSource.inTransaction(connection, () -> {
            try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
                first.isClosed();
                second.isClosed();
            }
        });

        assertThat(calls).containsExactly("isClosed", "isClosed", "commit");
    }

    @Test
    void aFailedWorkRollsBackAndNothingIsHandedOutAfterwards() {
        assertThatThrownBy(() -> dataSource.inTransaction(connection, () -> {
            throw new IllegalStateException("step failed");
        })).hasMessage("step failed");

        assertThat(calls).containsExactly("rollback");
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("no transaction on thread");
    }
}
