package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.scenario.engine.Scenario;
import dev.liaison.scenario.engine.ScenarioParser;
import dev.liaison.scenario.engine.Step;
import dev.liaison.scenario.engine.TriggerType;
import dev.liaison.scenario.loyalty.LoyaltyProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealWonScenarioTest {

    private static final Path SHIPPED = Path.of("..", "config", "scenarios");
    private final ScenarioParser parser = new ScenarioParser(StandaloneEngine.PURPOSES);

    @Test
    void everyDealMatchesTheTriggerConditionTheCeilingEvaluates() throws Exception {
        Scenario scenario = parser.parse(DealWonScenario.DEFINITION);
        ConditionClient ceiling = new ConditionClient(scenario.when(), List.of("p-0", "p-1"));

        assertThat(scenario.trigger()).isEqualTo(TriggerType.DEAL_WON);
        ceiling.send(1);
        ceiling.send(2);
    }

    @Test
    void itsPointsLiftANewProfileToTheTierTheShippedNestedScenarioCongratulates() throws Exception {
        LoyaltyProgram program = LoyaltyProgram.parse(read("loyalty.yaml"));
        Scenario scenario = parser.parse(DealWonScenario.DEFINITION);
        Scenario nested = parser.parse(read(DealWonScenario.NESTED_FILE));
        long points = ((Step.Award) scenario.steps().get(0)).points();

        assertThat(program.baseTier().name()).isEqualTo("basic");
        assertThat(program.tierFor(points).name()).isEqualTo("silver");
        assertThat(nested.name()).isEqualTo(DealWonScenario.NESTED);
        assertThat(nested.trigger()).isEqualTo(TriggerType.TIER_CHANGED);
        assertThat(nested.when().expression()).contains("event.to == 'silver' and event.from == 'basic'");
    }

    private static String read(String file) throws Exception {
        return Files.readString(SHIPPED.resolve(file), StandardCharsets.UTF_8);
    }
}
