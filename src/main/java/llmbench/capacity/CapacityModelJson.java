package llmbench.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

/** The {@code capacity_model_<label>_<timestamp>.json} document; field names carry their units. */
final class CapacityModelJson {
    static final int SCHEMA_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CapacityModelJson() {
    }

    /** Everything one invocation computed. */
    record Content(String label, ZonedDateTime createdAt, List<String> arguments, Path resultsDir, ResultsDir.Loaded loaded, List<Integer> fitK,
                   CapacityModel model, CrossValidation.Result cv, CrossValidation.RateResult rateCv,
                   CrossValidation.Result holdOut, List<Prediction> predictions, List<RatePrediction> ratePredictions,
                   List<SloQuery> slos, List<SloQuery.Answer> answers) {
    }

    static String render(Content c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "capacity_model");
        root.put("schema_version", SCHEMA_VERSION);
        root.put("label", c.label());
        root.put("created_at", c.createdAt().toString());
        root.put("results_dir", c.resultsDir().toAbsolutePath().toString());
        ArrayNode args = root.putArray("arguments");
        c.arguments().forEach(args::add);
        ArrayNode files = root.putArray("files");
        c.loaded().files().forEach(f -> files.add(f.getFileName().toString()));
        ArrayNode fitK = root.putArray("fit_k");
        c.fitK().forEach(fitK::add);
        ArrayNode notes = root.putArray("notes");
        c.loaded().notes().forEach(notes::add);

        CapacityModel m = c.model();
        Parameters p = m.parameters();
        ObjectNode model = root.putObject("model");
        model.put("step_time", "T = alpha + beta*d + c*p (d sequences decoding, p prompt tokens prefilled in the step)");
        model.put("ttft", "o + delta*(r-1) + sum of T over the steps until the request's prefill is done (r: admission place among k sent at once)");
        ObjectNode params = model.putObject("parameters");
        double[] v = p.vector();
        double[] se = m.standardErrors();
        for (int j = 0; j < v.length; j++) {
            ObjectNode o = params.putObject(Parameters.NAMES[j]);
            o.put("value", v[j]);
            o.put("standard_error", se[j]);
        }
        if (c.loaded().rates() != null) {
            ObjectNode o = params.putObject("o_open_s");
            o.put("value", p.openOverheadS());
            o.put("standard_error", m.openOverheadStandardError());
        }
        model.put("prefill_budget_tokens", p.budget() == 0 ? null : p.budget());
        model.put("prefix_reuse", p.prefixReuse());
        model.put("cached_tokens_from_server", m.cachedTokensReported());
        model.put("admission_spread_s", p.spreadS());
        model.put("physically_plausible", p.alphaS() >= 0 && p.betaS() >= 0 && p.cS() >= 0);
        if (p.maxBatch() > 0) {
            model.put("max_batch", p.maxBatch());
        } else {
            model.putNull("max_batch");
        }
        model.put("max_batch_fitted", m.fit().capFitted());
        model.put("ttft_residual_sd_s", m.fit().ttftResidualSdS());
        model.put("decode_residual_sd_s", m.fit().decodeResidualSdS());
        model.put("ttft_observations", m.fit().ttftRows());
        model.put("decode_observations", m.fit().decodeRows());
        model.put("default_prompt_tokens", m.defaultPromptTokens());
        model.put("default_completion_tokens", m.defaultCompletionTokens());
        model.put("default_cached_prompt_tokens", m.defaultCachedTokens());
        model.put("largest_measured_k", m.largestMeasuredK());

        ObjectNode cv = root.putObject("cv_mape");
        cv.put("method", "leave-one-k-out over the fitted Batch points; error = |predicted - measured| / measured, mean over held-out k"
                + " (leave_one_rate_out: the same per offered rate of a rate sweep)");
        putErrors(cv, c.cv());
        putRateErrors(cv.putObject("leave_one_rate_out"), c.rateCv());
        if (c.holdOut() != null) {
            ObjectNode ho = root.putObject("holdout_mape");
            ho.put("method", "fitted on fit_k only; predicted the Batch points not in fit_k");
            putErrors(ho, c.holdOut());
        }

        ArrayNode preds = root.putArray("predictions");
        for (Prediction pr : c.predictions()) {
            preds.add(prediction(pr, m));
        }
        ArrayNode ratePreds = root.putArray("rate_predictions");
        for (RatePrediction rp : c.ratePredictions()) {
            ratePreds.add(ratePrediction(rp));
        }
        ArrayNode slo = root.putArray("slo");
        for (int i = 0; i < c.slos().size(); i++) {
            SloQuery.Answer a = c.answers().get(i);
            ObjectNode o = slo.addObject();
            o.put("objective", c.slos().get(i).text());
            o.put("max_users", a.maxUsers());
            o.put("search_capped", a.capped());
            o.put("extrapolated", a.maxUsers() > m.largestMeasuredK());
            o.set("prediction_at_max", prediction(a.atMax(), m));
        }
        return JSON.valueToTree(root).toPrettyString() + "\n";
    }

    private static ObjectNode prediction(Prediction pr, CapacityModel m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("k", pr.users());
        o.put("workload", "k users at once, new prompts of " + m.defaultPromptTokens() + " tokens ("
                + m.defaultCachedTokens() + " of them cached), " + m.defaultCompletionTokens() + " completion tokens");
        o.put("extrapolated", pr.users() > m.largestMeasuredK());
        for (var e : pr.figures().entrySet()) {
            ObjectNode f = o.putObject(e.getKey());
            f.put("value", e.getValue().value());
            f.put("standard_error", e.getValue().standardError());
            f.putArray("interval95").add(e.getValue().low()).add(e.getValue().high());
        }
        return o;
    }

    private static ObjectNode ratePrediction(RatePrediction rp) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rate_rps", rp.rateRps());
        o.put("workload", "Poisson arrivals over " + String.format(java.util.Locale.ROOT, "%.1f", rp.durationS())
                + " s (the measured rates' mean duration), up to " + rp.arrivals() + " arrivals, the measured rates' "
                + "requests cycled; " + RatePrediction.SEEDS + " seeds from the rate file's load.seed; figures as bench_rate "
                + "defines them (aggregate_throughput_tok_s = total_tok_s, latency = e2e), warm-up and cool-down as measured");
        o.put("capacity_rps", rp.capacityRps());
        o.put("beyond_capacity", rp.beyondCapacity());
        o.put("steady", !rp.beyondCapacity());
        if (rp.beyondCapacity()) {
            o.put("note", "the offered rate is at or beyond the model's throughput capacity: the queue grows without "
                    + "bound, so TTFT and e2e are those of a run this long and grow with the run's length");
        }
        for (int i = 0; i < Prediction.ORDER.length; i++) {
            Prediction.Estimate e = rp.figures().get(Prediction.ORDER[i]);
            ObjectNode f = o.putObject(Prediction.ORDER[i]);
            f.put("value", e.value());
            f.put("standard_error", e.standardError());
            f.putArray("interval95").add(e.low()).add(e.high());
            f.putArray("seed_range").add(rp.seedLow()[i]).add(rp.seedHigh()[i]);
        }
        return o;
    }

    private static void putRateErrors(ObjectNode node, CrossValidation.RateResult r) {
        node.put("method", "for each measured offered rate: fit without its requests, replay its arrivals at their actual "
                + "send instants through the step loop, compare with the rate file (total_tok_s, ttft_p50_s from the intended "
                + "send, decode tok/s of its requests); error = |predicted - measured| / measured, mean over held-out rates");
        if (r.mape() == null) {
            for (String f : CrossValidation.FIGURES) {
                node.putNull(key(f));
            }
            node.put("note", "needs a bench_rate file (RateSweepSimulation) with its _requests.jsonl");
            return;
        }
        for (int i = 0; i < CrossValidation.FIGURES.length; i++) {
            putNumber(node, key(CrossValidation.FIGURES[i]), r.mape()[i]);
        }
        ArrayNode per = node.putArray("per_rate");
        for (CrossValidation.HeldOutRate h : r.points()) {
            ObjectNode o = per.addObject();
            o.put("offered_rate_rps", h.offeredRps());
            o.put("capacity_rps", h.capacityRps());
            o.put("beyond_capacity", h.beyondCapacity());
            for (int i = 0; i < CrossValidation.FIGURES.length; i++) {
                ObjectNode f = o.putObject(CrossValidation.FIGURES[i]);
                putNumber(f, "measured", h.measured()[i]);
                putNumber(f, "predicted", h.predicted()[i]);
                putNumber(f, "error", h.error()[i]);
            }
        }
    }

    /** NaN (a figure the file lacks) as null: JSON has no NaN. */
    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static void putErrors(ObjectNode node, CrossValidation.Result r) {
        if (r.mape() == null) {
            for (String f : CrossValidation.FIGURES) {
                node.putNull(key(f));
            }
            node.put("note", "needs at least three batch sizes");
            return;
        }
        for (int i = 0; i < CrossValidation.FIGURES.length; i++) {
            node.put(key(CrossValidation.FIGURES[i]), r.mape()[i]);
        }
        ArrayNode per = node.putArray("per_k");
        for (CrossValidation.HeldOut h : r.points()) {
            ObjectNode o = per.addObject();
            o.put("k", h.k());
            for (int i = 0; i < CrossValidation.FIGURES.length; i++) {
                ObjectNode f = o.putObject(CrossValidation.FIGURES[i]);
                f.put("measured", h.measured()[i]);
                f.put("predicted", h.predicted()[i]);
                f.put("error", h.error()[i]);
            }
        }
    }

    /** cv_mape's keys: the figure without its unit (the errors are fractions). */
    static String key(String figure) {
        return switch (figure) {
            case Prediction.AGGREGATE -> "aggregate_throughput";
            case Prediction.TTFT_P50 -> "ttft_p50";
            case Prediction.DECODE -> "decode_tok_s";
            default -> figure;
        };
    }
}
