package io.nifimdm.core.features;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelQueriesTest {

    private static Connection connection(String name) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void resultsKeepTheQueryOrderAndUseBothConnections() throws Exception {
        Connection main = connection("main");
        Connection helper = connection("helper");
        Set<Connection> used = ConcurrentHashMap.newKeySet();
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<ParallelQueries.Query<Integer>> queries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int value = i;
            queries.add(c -> {
                used.add(c);
                bothStarted.countDown();
                // the first two queries wait for each other: they can only both finish if they run at once
                bothStarted.await(10, TimeUnit.SECONDS);
                return value * value;
            });
        }
        List<Integer> results = new ParallelQueries(main, () -> helper, 1).runAll(queries);
        assertThat(results).containsExactly(0, 1, 4, 9, 16, 25);
        assertThat(used).containsExactlyInAnyOrder(main, helper);
    }

    @Test
    void withoutAConnectionForTheHelperTheCallerDoesEverything() throws Exception {
        Connection main = connection("main");
        Set<Connection> used = ConcurrentHashMap.newKeySet();
        List<ParallelQueries.Query<String>> queries = List.of(c -> {
            used.add(c);
            return "a";
        }, c -> {
            used.add(c);
            return "b";
        });
        List<String> results = new ParallelQueries(main, () -> {
            throw new SQLException("pool at its limit");
        }, 1).runAll(queries);
        assertThat(results).containsExactly("a", "b");
        assertThat(used).containsExactly(main);
    }

    @Test
    void theFirstFailureIsThrown() {
        List<ParallelQueries.Query<String>> queries = List.of(c -> "fine", c -> {
            throw new SQLException("no such column");
        }, c -> "fine too");
        assertThatThrownBy(() -> new ParallelQueries(connection("main"), () -> connection("helper"), 1)
                .runAll(queries)).isInstanceOf(SQLException.class).hasMessage("no such column");
    }
}
