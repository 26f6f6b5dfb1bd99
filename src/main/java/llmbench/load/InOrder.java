package llmbench.load;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.List;

/**
 * Runs populations one after another with Gatling's {@code andThen}: each starts when every user of the one
 * before has finished. Nested, because {@code a.andThen(b).andThen(c)} would start b and c together after a.
 */
public final class InOrder {
    private InOrder() {
    }

    public static PopulationBuilder andThen(List<PopulationBuilder> steps) {
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(chain);
        }
        return chain;
    }
}
