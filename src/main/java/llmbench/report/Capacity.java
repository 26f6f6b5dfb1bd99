package llmbench.report;

import static llmbench.report.Fmt.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import llmbench.report.Block.Cell;

/**
 * The page's Capacity section, from the latest bench_rate file per configuration: one sentence per file ("this
 * server sustains X req/s (Y users) within the SLO; at Z req/s … exceeds …"), its table of rates, and two charts
 * over all of them: latency percentiles against offered rate, and throughput with goodput against offered rate.
 * Every number is the file's; nothing is recomputed here.
 */
final class Capacity {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Capacity() {
    }

    static void add(List<Block> b, List<ResultFile> all) {
        List<ResultFile> files = new Select(all).latestPerConfig("bench_rate");
        b.add(new Block.Heading(2, "Capacity", "capacity"));
        if (files.isEmpty()) {
            b.add(new Block.Para("No bench_rate file: run RateSweepSimulation (-Drate.values=… or -Drate.profile=sweep, "
                    + "with -Dslo=… for goodput and the highest rate within it)."));
            return;
        }
        for (ResultFile f : files) {
            b.add(new Block.Para(f.fileName() + " (" + f.config() + "): " + sentence(f.root())));
            List<List<Cell>> rows = new ArrayList<>();
            for (JsonNode r : f.root().path("rates")) {
                rows.add(List.of(Cell.of(r.path("case").asText()), Cell.of(v(r, "offered_rate_rps")),
                        Cell.of(v(r, "achieved_rate_rps")), Cell.of(v(r, "mean_in_flight") + " / " + v(r, "max_in_flight")),
                        Cell.of(v(r, "ttft_p95_s")), Cell.of(v(r, "itl_p99_s")), Cell.of(v(r, "e2e_p95_s")),
                        Cell.of(v(r, "output_tok_s")), Cell.of(v(r, "goodput_rps")), Cell.of(v(r, "good_fraction")),
                        Cell.of(r.path("slo_met").isBoolean() ? (r.path("slo_met").asBoolean() ? "yes" : "no") : "n/a"),
                        Cell.of(v(r, "scheduling_lag_p99_s"))));
            }
            b.add(new Block.Table(List.of("rate", "offered req/s", "achieved req/s", "in flight mean / max", "TTFT p95 s",
                    "ITL p99 s", "e2e p95 s", "output tok/s", "goodput req/s", "good fraction", "SLO met",
                    "scheduling lag p99 s"), rows));
        }
        b.add(new Block.ChartBlock(Charts.emptyAsMissing(latency(files))));
        b.add(new Block.ChartBlock(Charts.emptyAsMissing(throughput(files))));
    }

    /** "this server sustains X req/s (Y users) within <slo>; at Z req/s <bound> …", by the file's status. */
    static String sentence(JsonNode root) {
        JsonNode m = root.path("max_rate_within_slo");
        String slo = root.path("slo").asText(null);
        String knee = root.path("knee_rps").isNumber() ? " Knee at " + num(root.path("knee_rps").asDouble())
                + " req/s offered (median e2e latency grows at least as fast as the load beyond it)." : "";
        String stopped = root.path("stopped_early").isTextual() ? " The sweep stopped early: "
                + root.path("stopped_early").asText() + "." : "";
        if (slo == null) {
            return "no SLO given (-Dslo), so no goodput or highest rate within it." + knee + stopped;
        }
        String users = m.path("users_at_max_rate").isNumber() ? " (" + num(m.path("users_at_max_rate").asDouble())
                + " users in flight)" : "";
        return switch (m.path("status").asText("")) {
            case "interpolated" -> "this server sustains " + num(root.path("max_rate_within_slo_rps").asDouble())
                    + " req/s" + users + " within " + slo + "; at " + num(m.path("first_rate_missed_rps").asDouble())
                    + " req/s offered " + m.path("missed_bound").asText() + " (" + num(m.path("last_rate_met_rps").asDouble())
                    + " req/s met it)." + knee + stopped;
            case "within_slo_at_every_rate" -> "this server sustains at least " + num(root.path("max_rate_within_slo_rps")
                    .asDouble()) + " req/s" + users + " within " + slo + ", the highest rate tried; no rate missed it."
                    + knee + stopped;
            case "missed_at_lowest_rate" -> "this server does not meet " + slo + " even at the lowest rate tried: at "
                    + num(m.path("first_rate_missed_rps").asDouble()) + " req/s " + m.path("missed_bound").asText() + "."
                    + knee + stopped;
            default -> "no open rate was measured." + stopped;
        };
    }

    private static String v(JsonNode r, String field) {
        JsonNode n = r.get(field);
        return n == null || n.isNull() ? "n/a" : num(n.asDouble());
    }

    static Chart latency(List<ResultFile> files) {
        String title = "Latency vs offered rate";
        ObjectNode o = Charts.base(title, "offered rate (req/s)", "latency from intended send (s)", null, true);
        ((ObjectNode) o.get("xAxis")).remove("minInterval");
        for (ResultFile f : files) {
            for (String[] s : new String[][] {{"TTFT p95", "ttft_p95_s"}, {"e2e p50", "e2e_p50_s"}, {"e2e p95", "e2e_p95_s"}}) {
                ObjectNode series = Charts.series(o, f.config() + " " + s[0], "line", 0);
                points(f, s[1]).forEach(series.withArray("data")::add);
            }
        }
        return new Chart("capacitylatency", title, "Per open rate of each bench_rate file: TTFT p95 and e2e p50 / p95, "
                + "measured from each request's intended send.", o, null);
    }

    static Chart throughput(List<ResultFile> files) {
        String title = "Throughput and goodput vs offered rate";
        ObjectNode o = Charts.base(title, "offered rate (req/s)", "requests/s", "output tok/s", true);
        ((ObjectNode) o.get("xAxis")).remove("minInterval");
        for (ResultFile f : files) {
            ObjectNode ach = Charts.series(o, f.config() + " achieved req/s", "line", 0);
            points(f, "achieved_rate_rps").forEach(ach.withArray("data")::add);
            ObjectNode good = Charts.series(o, f.config() + " goodput req/s", "line", 0);
            points(f, "goodput_rps").forEach(good.withArray("data")::add);
            ObjectNode tok = Charts.series(o, f.config() + " output tok/s", "line", 1);
            tok.putObject("lineStyle").put("type", "dashed");
            points(f, "output_tok_s").forEach(tok.withArray("data")::add);
        }
        return new Chart("capacitythroughput", title, "Per open rate: requests answered per second inside each rate's "
                + "measurement window, the good ones among them (within the SLO), and output tokens per second (dashed, "
                + "right axis).", o, null);
    }

    /** [offered, value] of every open rate of the file, in rate order. */
    private static List<ArrayNode> points(ResultFile f, String field) {
        List<ArrayNode> out = new ArrayList<>();
        for (JsonNode r : f.root().path("rates")) {
            if (!r.path("offered_rate_rps").isNumber()) {
                continue;
            }
            ArrayNode p = JSON.createArrayNode().add(r.path("offered_rate_rps").asDouble());
            JsonNode v = r.get(field);
            if (v == null || v.isNull()) {
                p.addNull();
            } else {
                p.add(v.asDouble());
            }
            out.add(p);
        }
        return out;
    }
}
