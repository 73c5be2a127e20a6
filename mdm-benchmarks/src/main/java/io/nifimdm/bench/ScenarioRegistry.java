package io.nifimdm.bench;

import io.nifimdm.bench.scenarios.BulkRowSinkScenario;
import io.nifimdm.bench.scenarios.JdbcBatchInsertScenario;
import io.nifimdm.bench.scenarios.NativeLoadScenario;
import io.nifimdm.bench.scenarios.ParseOnlyScenario;
import io.nifimdm.bench.scenarios.ParseStatisticsScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The scenarios the runner knows: the built-in baselines and bulk paths, then every
 * {@link Scenario} a jar on the class path lists in {@code META-INF/services/io.nifimdm.bench.Scenario}
 * (a later scenario with the same name replaces an earlier one).
 */
public final class ScenarioRegistry {

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

    private ScenarioRegistry() {
    }

    public static ScenarioRegistry discover() {
        ScenarioRegistry registry = new ScenarioRegistry();
        registry.register(new ParseOnlyScenario());
        registry.register(new ParseStatisticsScenario());
        registry.register(new NativeLoadScenario());
        registry.register(new JdbcBatchInsertScenario());
        registry.register(BulkRowSinkScenario.plain());
        registry.register(BulkRowSinkScenario.withStatistics());
        ServiceLoader.load(Scenario.class).forEach(registry::register);
        return registry;
    }

    public void register(Scenario scenario) {
        scenarios.put(scenario.name(), scenario);
    }

    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    /**
     * The scenarios named, in registry order; baselines are always included so that ratios can be
     * computed.
     *
     * @throws IllegalArgumentException naming an unknown scenario
     */
    public List<Scenario> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        for (String name : names) {
            if (!scenarios.containsKey(name)) {
                throw new IllegalArgumentException("Unknown scenario '" + name + "'; known: " + scenarios.keySet());
            }
        }
        List<Scenario> selected = new ArrayList<>();
        for (Scenario scenario : scenarios.values()) {
            if (names.contains(scenario.name()) || scenario.baseline() != Scenario.Baseline.NONE) {
                selected.add(scenario);
            }
        }
        return selected;
    }
}
