package llmbench.refserver.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepPlannerTest {
    private static final TokenSink NO_SINK = NoSink.INSTANCE;

    private static Sequence seq(int promptTokens) {
        return new Sequence(promptTokens, 100, () -> " word", List.of(), NO_SINK);
    }

    /** Applies a plan the way the scheduler does (prefill chunks only; tokens are irrelevant here). */
    private static void apply(StepPlanner.StepPlan plan) {
        for (int i = 0; i < plan.prefilling().size(); i++) {
            plan.prefilling().get(i).prefill(plan.prefillChunks().get(i));
        }
    }

    @Test
    void prefillBudgetGoesToEarlierArrivalsFirstAndBatchSizeLimitsAdmission() {
        StepPlanner planner = new StepPlanner(2, 512);
        Sequence a = seq(1000);
        Sequence b = seq(300);
        Sequence c = seq(50);
        planner.enqueue(a);
        planner.enqueue(b);
        planner.enqueue(c);
        List<Sequence> dropped = new ArrayList<>();

        StepPlanner.StepPlan s1 = planner.plan(dropped);           // A and B admitted, A takes the whole budget
        assertEquals(List.of(a), s1.prefilling());
        assertEquals(List.of(512), s1.prefillChunks());
        assertEquals(List.of(), s1.decoding());
        assertEquals(1, planner.waitingCount());
        apply(s1);

        StepPlanner.StepPlan s2 = planner.plan(dropped);           // A finishes its 488, B gets the other 24
        assertEquals(List.of(a, b), s2.prefilling());
        assertEquals(List.of(488, 24), s2.prefillChunks());
        assertEquals(512, s2.prefillTokens());
        apply(s2);

        StepPlanner.StepPlan s3 = planner.plan(dropped);           // A decodes, B prefills its last 276
        assertEquals(List.of(a), s3.decoding());
        assertEquals(List.of(b), s3.prefilling());
        assertEquals(List.of(276), s3.prefillChunks());
        apply(s3);

        StepPlanner.StepPlan s4 = planner.plan(dropped);           // both decode; C still waits (batch of 2)
        assertEquals(List.of(a, b), s4.decoding());
        assertEquals(0, s4.prefillTokens());
        assertEquals(1, planner.waitingCount());

        a.cancel();
        StepPlanner.StepPlan s5 = planner.plan(dropped);           // A dropped, C admitted and prefilled
        assertEquals(List.of(a), dropped);
        assertEquals(List.of(b), s5.decoding());
        assertEquals(List.of(c), s5.prefilling());
        assertEquals(List.of(50), s5.prefillChunks());
        assertEquals(0, planner.waitingCount());
    }

    @Test
    void cancelledWaitingSequenceIsDroppedBeforeAdmission() {
        StepPlanner planner = new StepPlanner(1, 512);
        Sequence a = seq(10);
        Sequence b = seq(10);
        planner.enqueue(a);
        planner.enqueue(b);
        a.cancel();
        List<Sequence> dropped = new ArrayList<>();
        StepPlanner.StepPlan plan = planner.plan(dropped);
        assertEquals(List.of(a), dropped);
        assertEquals(List.of(b), plan.prefilling());
    }
}
