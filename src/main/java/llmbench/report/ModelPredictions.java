package llmbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import llmbench.capacity.CapacityModel;
import llmbench.capacity.ModelOnResults;
import llmbench.capacity.Parameters;
import llmbench.capacity.Prediction;
import llmbench.config.BadInputException;
import llmbench.report.Block.Cell;

/**
 * "What the model predicts" (issue 12): the capacity model ({@code llmbench.capacity}) fitted to the Batch,
 * Single and Concurrent files of the results directory; a chart of the measured Batch points beside the
 * model's curve and its 95 % interval (aggregate throughput and TTFT p50 against k), the leave-one-k-out
 * errors per k, and "max users within {@value #OBJECTIVE}" from the model beside the measured answer. Without
 * the files the model needs, the section says which run is missing.
 */
final class ModelPredictions {
    /** The objective the page answers (the example); CapacityModelMain --slo answers any other. */
    static final String OBJECTIVE = "ttft_p95<=2s";
    static final String CHART_ID = "model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelPredictions() {
    }

    static void add(List<Block> b, Path resultsDir) {
        b.add(new Block.Heading(2, "What the model predicts", "model"));
        ModelOnResults fit;
        try {
            fit = ModelOnResults.fit(resultsDir);
        } catch (BadInputException e) {
            b.add(new Block.Para("Not enough data for the capacity model: " + e.getMessage() + "."));
            return;
        }
        CapacityModel m = fit.model();
        Parameters p = m.parameters();
        double[] se = m.standardErrors();
        b.add(new Block.Para(String.format(Locale.ROOT, "Step model T = α + β·d + c·p fitted to Batch k = %s%s "
                        + "(docs/capacity-model.md): o %.1f ± %.1f ms, α %.2f ± %.2f ms, β %.3f ± %.3f ms, c %.4f ± %.4f "
                        + "ms/token, prefill budget %s tokens/step%s. Curve: k users at once, new prompts of %d tokens "
                        + "(%d of them cached, as measured), %d completion tokens; the interval covers the parameters' "
                        + "uncertainty only.%s",
                fit.measured().stream().map(ModelOnResults.Point::k).toList(),
                fit.heldOutRates().isEmpty() ? "" : " and the rate sweep's requests", p.overheadS() * 1e3, se[0] * 1e3,
                p.alphaS() * 1e3, se[1] * 1e3, p.betaS() * 1e3, se[2] * 1e3, p.cS() * 1e3, se[3] * 1e3,
                p.budget() == 0 ? "unlimited" : String.valueOf(p.budget()),
                p.maxBatch() == 0 ? "" : ", batch cap " + p.maxBatch() + " (from the rate sweep's queueing)", m.defaultPromptTokens(), m.defaultCachedTokens(),
                m.defaultCompletionTokens(), p.alphaS() < 0 || p.betaS() < 0 || p.cS() < 0
                        ? " A step parameter came out negative: the step model does not describe this server; trust "
                        + "the held-out errors below, not the curve." : "")));
        b.add(new Block.ChartBlock(chart(fit)));
        heldOut(b, fit);
        heldOutRates(b, fit);
        ModelOnResults.MaxUsers model = fit.modelMaxUsers(OBJECTIVE);
        ModelOnResults.MaxUsers measured = fit.measuredMaxUsers(OBJECTIVE);
        b.add(new Block.Para("Max users within " + OBJECTIVE + ": model " + (model.atLeast() ? "at least " : "")
                + model.maxUsers() + (model.maxUsers() > m.largestMeasuredK() ? " (beyond the largest measured k, "
                + m.largestMeasuredK() + ")" : "") + "; measured " + measured(measured) + "."));
    }

    private static String measured(ModelOnResults.MaxUsers a) {
        if (a == null) {
            return "n/a (the Batch files lack the figure)";
        }
        if (a.atLeast()) {
            return "at least " + a.maxUsers() + " (every measured k met it)";
        }
        return a.maxUsers() + " (k = " + a.failsAt() + " did not meet it)";
    }

    private static void heldOut(List<Block> b, ModelOnResults fit) {
        double[] mape = fit.cvMape();
        if (mape == null) {
            b.add(new Block.Para("Held-out errors need at least three batch sizes."));
            return;
        }
        b.add(new Block.Para(String.format(Locale.ROOT, "Leave-one-k-out (each k predicted by a fit without it): "
                + "cv_mape aggregate throughput %.3f, TTFT p50 %.3f, decode tok/s %.3f.", mape[0], mape[1], mape[2])));
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelOnResults.HeldOut h : fit.heldOut()) {
            List<Cell> r = new ArrayList<>(List.of(Cell.of(String.valueOf(h.k()))));
            for (int i = 0; i < h.measured().length; i++) {
                int places = i == 1 ? 4 : 1;
                r.add(Cell.of(Fmt.fixed(h.measured()[i], places)));
                r.add(Cell.of(Fmt.fixed(h.predicted()[i], places)));
                r.add(Cell.of(Fmt.fixed(100 * h.error()[i], 1) + " %"));
            }
            rows.add(r);
        }
        b.add(new Block.Table(List.of("held-out k", "aggregate tok/s measured", "predicted", "error",
                "TTFT p50 s measured", "predicted", "error", "decode tok/s measured", "predicted", "error"), rows));
    }

    /**
     * The rate sweep's rates, each predicted by the fit without it from its own arrivals: measured beside
     * predicted aggregate throughput (the file's total_tok_s) and TTFT p50 (from the intended send). Nothing
     * without a rate sweep.
     */
    private static void heldOutRates(List<Block> b, ModelOnResults fit) {
        double[] mape = fit.rateCvMape();
        if (mape == null) {
            return;
        }
        b.add(new Block.Para(String.format(Locale.ROOT, "Leave-one-rate-out (each offered rate of the rate sweep predicted "
                + "by a fit without its requests, replaying its own arrivals through the step loop): cv_mape aggregate "
                + "throughput %.3f, TTFT p50 %.3f, decode tok/s %.3f. A rate at or beyond the fit's capacity has a queue "
                + "that grows for as long as the rate lasts: its TTFT is that of this run's length, not a steady figure.",
                mape[0], mape[1], mape[2])));
        List<List<Cell>> rows = new ArrayList<>();
        for (ModelOnResults.HeldOutRate h : fit.heldOutRates()) {
            List<Cell> r = new ArrayList<>(List.of(Cell.of(Fmt.fixed(h.offeredRps(), 3))));
            for (int i = 0; i < 2; i++) {
                int places = i == 1 ? 4 : 1;
                r.add(Cell.of(Fmt.fixed(known(h.measured()[i]), places)));
                r.add(Cell.of(Fmt.fixed(known(h.predicted()[i]), places)));
                r.add(Cell.of(Double.isNaN(h.error()[i]) ? "n/a" : Fmt.fixed(100 * h.error()[i], 1) + " %"));
            }
            r.add(Cell.of(Fmt.fixed(known(h.capacityRps()), 3) + (h.beyondCapacity() ? " (beyond)" : "")));
            rows.add(r);
        }
        b.add(new Block.Table(List.of("held-out rate req/s", "aggregate tok/s measured", "predicted", "error",
                "TTFT p50 s measured", "predicted", "error", "fit's capacity req/s"), rows));
    }

    /** NaN (a figure a file lacks) as null, which the table shows as n/a. */
    private static Double known(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /** Measured points as dots, the model's value and interval bounds as lines, for k = 1 … max(12, 2 × largest k). */
    static Chart chart(ModelOnResults fit) {
        String title = "What the model predicts";
        CapacityModel m = fit.model();
        int upTo = Math.min(64, Math.max(12, 2 * m.largestMeasuredK()));
        ObjectNode o = Charts.base(title, "users at once (k)", "aggregate throughput (tok/s)", "TTFT p50 (s)", true);
        ((ObjectNode) o.get("xAxis")).put("min", 1).put("max", upTo);
        String[] figures = {Prediction.AGGREGATE, Prediction.TTFT_P50};
        String[] names = {"throughput", "TTFT p50"};
        String[] colors = {"#5470c6", "#ee6666"};
        List<Prediction> curve = new ArrayList<>();
        for (int k = 1; k <= upTo; k++) {
            curve.add(m.predict(k));
        }
        for (int f = 0; f < figures.length; f++) {
            ObjectNode measured = series(o, names[f] + " measured", "scatter", f);
            measured.put("symbolSize", 9);
            for (ModelOnResults.Point pt : fit.measured()) {
                Double v = pt.figures().get(figures[f]);
                if (v != null) {
                    measured.withArray("data").add(JSON.createArrayNode().add(pt.k()).add(v));
                }
            }
            ObjectNode model = series(o, names[f] + " model", "line", f);
            ObjectNode low = series(o, names[f] + " model 95 % low", "line", f);
            ObjectNode high = series(o, names[f] + " model 95 % high", "line", f);
            for (ObjectNode bound : List.of(low, high)) {
                bound.put("showSymbol", false).putObject("lineStyle").put("type", "dashed").put("width", 1);
            }
            model.put("showSymbol", false);
            for (ObjectNode s : List.of(measured, model, low, high)) {
                s.put("color", colors[f]);
            }
            for (Prediction pr : curve) {
                Prediction.Estimate e = pr.get(figures[f]);
                model.withArray("data").add(JSON.createArrayNode().add(pr.users()).add(e.value()));
                low.withArray("data").add(JSON.createArrayNode().add(pr.users()).add(e.low()));
                high.withArray("data").add(JSON.createArrayNode().add(pr.users()).add(e.high()));
            }
        }
        String caption = "Dots: the Batch files' avg_aggregate_throughput_tok_s and ttft_s.p50 per k. Lines: the model "
                + "fitted to all of them (k users at once, new prompts), dashed its 95 % interval from the parameters' "
                + "uncertainty; k beyond " + m.largestMeasuredK() + " is extrapolated. How far a prediction lands from "
                + "a measurement it was not fitted to is in the table below.";
        return new Chart(CHART_ID, title, caption, o, null);
    }

    private static ObjectNode series(ObjectNode o, String name, String type, int yAxis) {
        ObjectNode s = o.withArray("series").addObject();
        s.put("name", name).put("type", type).put("yAxisIndex", yAxis);
        s.putArray("data");
        return s;
    }
}
