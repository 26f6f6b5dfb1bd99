package llmbench.report;

import static llmbench.report.Fmt.fixed;
import static llmbench.report.Fmt.num;
import static llmbench.report.Fmt.pct;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which configuration goes to production, weighing four things per phase, in this order:
 * <ol>
 *   <li><b>errors</b>: a phase with any failed request in any of its files is out (a fast configuration that
 *   drops requests is not a candidate), unless every phase has some;</li>
 *   <li><b>TTFT</b> (the seed's prefill_time_s on the compared benchmark): out when more than
 *   {@value #TTFT_LIMIT_PCT} % above baseline's;</li>
 *   <li><b>decode rate</b> (decode_tok_s on the compared benchmark): the highest among those left wins;</li>
 *   <li><b>memory</b>: when the winner is not FP8 and FP8 was measured, the KV memory FP8 would save and at what
 *   decode rate, for deployments where KV memory is the limit.</li>
 * </ol>
 */
final class ProductionChoice {
    static final double TTFT_LIMIT_PCT = 20;

    record Candidate(String phase, Double decode, Double ttft, int errors) {
    }

    private ProductionChoice() {
    }

    /** Failed requests in every file of a phase: our files' {@code requests.failed}, else the seed rows' errors. */
    static int errors(Select select, String phase) {
        int n = 0;
        for (String b : ResultsReader.BENCHMARKS) {
            for (ResultFile f : select.all(b, phase)) {
                JsonNode failed = f.root().path("requests").path("failed");
                if (failed.isNumber()) {
                    n += failed.asInt();
                } else {
                    for (JsonNode r : f.root().path("results")) {
                        JsonNode e = r.get("error");
                        if (e != null && !e.isNull() && !e.asText().isEmpty() && !e.asText().equals("false")) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    /** Appends the choice and its reasons to {@code s}; returns the chosen phase, or null. */
    static String choose(List<Candidate> all, Double baselineTtft, Double fp8MemorySavedPct, Double fp8DecodeDelta,
                         String bench, StringBuilder s) {
        boolean allErr = all.stream().allMatch(c -> c.errors() > 0);
        List<String> out = new ArrayList<>();
        Candidate best = null;
        for (Candidate c : all) {
            Double ttftPct = baselineTtft == null || baselineTtft <= 0 || c.ttft() == null ? null
                    : (c.ttft() - baselineTtft) / baselineTtft * 100;
            if (!allErr && c.errors() > 0) {
                out.add(Phases.display(c.phase()) + " (" + c.errors() + " failed request" + (c.errors() == 1 ? "" : "s") + ")");
            } else if (ttftPct != null && ttftPct > TTFT_LIMIT_PCT) {
                out.add(Phases.display(c.phase()) + " (TTFT " + pct(ttftPct) + " vs baseline, limit +" + fixed(TTFT_LIMIT_PCT, 0) + "%)");
            } else if (best == null || c.decode() > best.decode()) {
                best = c;
            }
        }
        if (best == null) {
            s.append("No configuration qualifies: ").append(String.join(", ", out)).append(".");
            return null;
        }
        s.append("Recommended: ").append(Phases.display(best.phase())).append(", because it has the highest mean ")
                .append(bench).append(" decode rate, ").append(num(best.decode())).append(" tok/s");
        if (!best.phase().equals(Phases.BASELINE) && all.stream().anyMatch(c -> c.phase().equals(Phases.BASELINE))) {
            Candidate base = all.stream().filter(c -> c.phase().equals(Phases.BASELINE)).findFirst().orElseThrow();
            s.append(" (").append(pct((best.decode() - base.decode()) / base.decode() * 100)).append(" vs baseline)");
        }
        s.append(", of ").append(String.join(", ", all.stream().map(Candidate::phase).toList()))
                .append(best.ttft() == null ? "" : ", with TTFT " + fixed(best.ttft(), 3) + " s")
                .append(", and ").append(best.errors() == 0 ? "no failed request" : best.errors() + " failed requests (every phase had some)")
                .append(".");
        if (!out.isEmpty()) {
            s.append(" Left out: ").append(String.join(", ", out)).append(".");
        }
        if (!best.phase().equals("fp8") && fp8MemorySavedPct != null && all.stream().anyMatch(c -> c.phase().equals("fp8"))) {
            s.append(" If KV memory is the limit, FP8 saves ").append(fixed(fp8MemorySavedPct, 1))
                    .append(" % of KV memory at ").append(pct(fp8DecodeDelta)).append(" decode rate.");
        }
        return best.phase();
    }
}
