package llmbench.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmbench.refserver.ReferenceServer;
import llmbench.refserver.settings.ReferenceServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch and Concurrent against a reference server that injects every fault kind but {@code kill}
 * ({@code --fault-rate 0.5}, kinds in turn, seeded). The server's ground truth ({@code /debug/requests})
 * names each request's fault; each must be counted as that fault in the client's records, no request may be
 * lost, and the good requests' five metrics must match a fault-free run's.
 *
 * <p>A refused 429/500/503 stream keeps its status only: Gatling drops the reply body of a refused SSE connect, and
 * the suite re-asks for it only for refusals of the request itself (4xx other than 429), never under load.
 */
class FaultInjectionEndToEndTest {
    /** Client timeout per await: longer than slow_first_token's hold (1 s) plus a stream, shorter than the stall. */
    private static final String CLIENT_TIMEOUT_S = "4";
    private static final String[] FAULT_FLAGS = {"--profile=tiny", "--fault-rate=0.5", "--fault-seed=7",
            "--fault-stall-s=30", "--fault-slow-first-token-s=1"};

    @Test
    void concurrentCountsEachInjectedFaultAsItWasAndGoodRequestsKeepTheirMetrics(@TempDir Path dir) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("concurrency.levels", "1");
        props.put("concurrency.requests", "24");
        props.put("concurrency.pause.s", "0");
        // one salt for the three runs (each against a fresh server): request i's prompt is the same text in each
        props.put("cache.salt", "fault-comparison");
        Outcome faulty = run("ConcurrentSimulation", props, dir.resolve("faulty"), FAULT_FLAGS);
        Map<String, Integer> counted = faulty.assertEachFaultCounted();
        assertEquals(10, counted.size(), "every kind but kill occurred: " + counted);
        assertEquals(1, faulty.resentByClient().size(), "the broken stream was re-sent by Gatling's SSE reconnect");

        Outcome clean = run("ConcurrentSimulation", props, dir.resolve("clean"), "--profile=tiny");
        assertEquals(0, clean.truthByKind().size(), "no faults without --fault-rate");
        assertGoodRequestsMeasuredTrue(goodRequests(clean), goodRequests(faulty), faulty);
    }

    @Test
    void batchCountsEachInjectedFaultAsItWas(@TempDir Path dir) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("batch.sizes", "1,2,3");
        props.put("batch.runs", "4");
        props.put("batch.pause.run.s", "0");
        props.put("batch.pause.k.s", "0");
        Outcome faulty = run("BatchSimulation", props, dir.resolve("faulty"), FAULT_FLAGS);
        Map<String, Integer> counted = faulty.assertEachFaultCounted();
        assertTrue(counted.size() >= 8, "kinds seen: " + counted);
    }

    /** One simulation run against its own server, with the server's ground truth and the client's records. */
    private record Outcome(GatlingProcess.Outcome process, JsonNode result, List<JsonNode> records,
                           List<JsonNode> truth) {

        /**
         * Requests the server saw that the suite did not send: Gatling's SSE client reconnects when a connection
         * breaks mid-stream ({@code close_mid_stream}) and re-sends the POST, with {@code Last-Event-ID}, which the
         * server's ground truth names ({@code resent_of}).
         */
        List<JsonNode> resentByClient() {
            return truth.stream().filter(t -> t.path("resent_of").isTextual()).toList();
        }

        /** Faulted requests the suite sent, by kind (re-sent ones aside). */
        Map<String, List<JsonNode>> truthByKind() {
            List<JsonNode> resent = resentByClient();
            Map<String, List<JsonNode>> by = new TreeMap<>();
            for (JsonNode t : truth) {
                if (t.path("fault").isTextual() && !resent.contains(t)) {
                    by.computeIfAbsent(t.path("fault").asText(), k -> new ArrayList<>()).add(t);
                }
            }
            return by;
        }

        /** Asserts the accounting and each fault's outcome; returns kind → requests with that fault. */
        Map<String, Integer> assertEachFaultCounted() {
            JsonNode req = result.path("requests");
            assertEquals(0, req.path("lost").asLong(), req.toString());
            assertEquals(req.path("sent").asLong(), req.path("measured").asLong() + req.path("warmup_excluded").asLong()
                    + req.path("lost").asLong(), req.toString());
            assertEquals(req.path("sent").asLong(), records.size(), "one record per request sent");
            List<JsonNode> resent = resentByClient();
            List<String> broken = truth.stream().filter(t -> "close_mid_stream".equals(t.path("fault").asText()))
                    .map(t -> t.path("id").asText()).toList();
            for (JsonNode t : resent) {
                assertTrue(broken.contains(t.path("resent_of").asText()), "re-sent only after a break: " + t);
            }
            assertTrue(resent.size() <= broken.size(), "at most one re-send per broken stream: " + resent);
            assertEquals(records.size() + resent.size(), truth.size(),
                    "the server saw each request once, plus the client's re-sent ones");
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode r : records) {
                byId.put(r.path("response_id").asText(), r);
            }
            Map<String, Integer> counted = new TreeMap<>();
            Map<String, List<JsonNode>> byKind = truthByKind();
            for (Map.Entry<String, List<JsonNode>> e : byKind.entrySet()) {
                String kind = e.getKey();
                int n = e.getValue().size();
                switch (kind) {
                    case "http_429", "http_500", "http_503" -> assertEquals(n, count(r -> !ok(r)
                            && r.path("http_status").asInt() == Integer.parseInt(kind.substring(5))), kind);
                    case "close_before_first_byte" -> assertEquals(n, count(r -> !ok(r)
                            && r.path("http_status").isNull() && r.path("first_chunk_epoch_us").isNull()), kind);
                    default -> {
                        for (JsonNode t : e.getValue()) {
                            JsonNode r = byId.get(t.path("id").asText());
                            assertNotNull(r, kind + ": no record of " + t);
                            streamFaultCounted(kind, r);
                        }
                    }
                }
                counted.put(kind, n);
            }
            int failedByFault = byKind.entrySet().stream()
                    .filter(e -> !List.of("malformed_sse_line", "no_usage", "slow_first_token").contains(e.getKey()))
                    .mapToInt(e -> e.getValue().size()).sum();
            assertEquals(failedByFault, count(r -> !ok(r)), "requests without a fault all succeeded");
            // Good requests next to faulted ones: their token counts are the server's own, exactly.
            Map<String, JsonNode> truthById = new HashMap<>();
            truth.forEach(t -> truthById.put(t.path("id").asText(), t));
            int good = 0;
            for (JsonNode r : records) {
                JsonNode t = truthById.get(r.path("response_id").asText());
                if (ok(r) && t != null && t.path("fault").isNull()) {
                    assertEquals(t.path("prompt_tokens").asInt(), r.path("prompt_tokens").asInt(), r.toString());
                    assertEquals(t.path("completion_tokens").asInt(), r.path("completion_tokens").asInt(), r.toString());
                    good++;
                }
            }
            assertEquals(count(FaultInjectionEndToEndTest.Outcome::ok) - byKind.entrySet().stream()
                    .filter(e -> List.of("malformed_sse_line", "no_usage", "slow_first_token").contains(e.getKey()))
                    .mapToInt(e -> e.getValue().size()).sum(), good, "every good request matched its ground truth");
            System.out.println("faults counted " + counted + ", re-sent by the client: " + resent.size()
                    + ", requests sent " + req.path("sent").asLong() + ", lost " + req.path("lost").asLong());
            return counted;
        }

        private static void streamFaultCounted(String kind, JsonNode r) {
            switch (kind) {
                case "close_mid_stream" -> assertTrue(r.path("error").asText().contains("before data: [DONE]")
                        || r.path("error").asText().startsWith(llmbench.timing.StreamRecordExtractor.RESENT), kind + ": " + r);
                case "stall_mid_stream", "no_done" -> {
                    assertTrue(r.path("error").asText().contains("before data: [DONE]"), kind + ": " + r);
                    assertTrue(r.path("first_token_epoch_us").isNumber(), kind + ": " + r);
                }
                case "malformed_sse_line" -> {
                    assertTrue(ok(r), kind + ": " + r);
                    assertEquals(1, r.path("unparsable_events").asInt(), kind + ": " + r);
                }
                case "no_usage" -> {
                    assertTrue(ok(r), kind + ": " + r);
                    assertEquals("chunks", r.path("token_source").asText(), kind + ": " + r);
                    assertTrue(r.path("prompt_tokens").isNull(), kind + ": " + r);
                }
                case "slow_first_token" -> {
                    assertTrue(ok(r), kind + ": " + r);
                    long ttftUs = r.path("first_token_epoch_us").asLong() - r.path("send_epoch_us").asLong();
                    assertTrue(ttftUs >= 1_000_000, kind + ": TTFT " + ttftUs + " µs: " + r);
                }
                default -> throw new AssertionError("unexpected fault kind " + kind);
            }
        }

        private static boolean ok(JsonNode r) {
            return r.path("error").isNull();
        }

        private int count(java.util.function.Predicate<JsonNode> p) {
            return (int) records.stream().filter(p).count();
        }
    }

    private static Outcome run(String simulation, Map<String, String> props, Path out, String... serverFlags)
            throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withFlags(serverFlags))) {
            Map<String, String> p = new HashMap<>(props);
            p.put("target.url", server.baseUrl());
            p.put("max.tokens", "32");
            p.put("request.timeout.s", CLIENT_TIMEOUT_S);
            p.put("results.dir", out.toString());
            Files.createDirectories(out);
            GatlingProcess.Outcome process = GatlingProcess.run(simulation, p, out.resolve("gatling.log"), 300);
            assertEquals(0, process.exitCode(), process.output());
            JsonNode truth = ResultFilesInDir.JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/debug/requests")).build(), HttpResponse.BodyHandlers.ofString()).body());
            List<JsonNode> records = new ArrayList<>();
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.filter(f -> f.toString().endsWith("_requests.jsonl")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        records.add(ResultFilesInDir.JSON.readTree(line));
                    }
                }
            }
            List<JsonNode> truths = new ArrayList<>();
            truth.path("requests").forEach(truths::add);
            JsonNode result = ResultFilesInDir.JSON.readTree(ResultFilesInDir.onlyFinalResultFile(out).toFile());
            return new Outcome(process, result, records, truths);
        }
    }

    /** Measured requests that succeeded and got no fault, from the result's per-request rows, by request index. */
    private static Map<Integer, JsonNode> goodRequests(Outcome o) {
        java.util.Set<String> faulted = new java.util.HashSet<>();
        o.truth().stream().filter(t -> t.path("fault").isTextual()).forEach(t -> faulted.add(t.path("id").asText()));
        Map<Integer, JsonNode> good = new TreeMap<>();
        for (JsonNode level : o.result().path("results")) {
            for (JsonNode r : level.path("per_request")) {
                if (r.path("error").isNull() && !faulted.contains(r.path("response_id").asText())) {
                    good.put(r.path("request_idx").asInt(), r);
                }
            }
        }
        return good;
    }

    /**
     * The five metrics' means over the requests that are good in all three runs (the same request index is the
     * same prompt), with faults vs without. Nothing but the faults differs between the runs, so the bound is the
     * noise between two fault-free runs measured here: the faulted run may differ from the first fault-free
     * run by at most 3 × the two fault-free runs' difference, or a floor when that is larger, because two
     * runs can agree by chance: 25 % of the fault-free mean, and for times also 3 ms (a TTFT of ~10 ms on the
     * tiny profile includes opening a connection, which on this shared 2-core machine varies by a few ms;
     * two fault-free runs measured 5.1 vs 13.9 ms and 29.7 vs 13.0 ms mean prefill under load). Prompt and
     * completion tokens, which noise cannot move, must agree exactly per request.
     */
    /**
     * The good requests of the faulted run are measured as truly as without faults: the same prompts give the
     * same token counts as in the fault-free run, and the five metrics' inputs are the server's own — completion
     * tokens equal its ground truth, and the client's first-token stamp is within a few milliseconds of the
     * server's write of that chunk (median ≤ 5 ms, as BatchSimulationEndToEndTest asks of a fault-free run).
     * The metrics themselves are not compared with the fault-free run's: a stalled or re-sent stream keeps a
     * sequence in the server's batch, so the good requests around it are really slower.
     */
    private static void assertGoodRequestsMeasuredTrue(Map<Integer, JsonNode> clean, Map<Integer, JsonNode> faulty,
                                                       Outcome faultyRun) {
        List<Integer> common = clean.keySet().stream().filter(faulty::containsKey).toList();
        assertTrue(common.size() >= 8, "requests good in both runs: " + common);
        for (int i : common) {
            for (String tokens : List.of("prompt_tokens", "completion_tokens")) {
                assertEquals(clean.get(i).path(tokens).asInt(), faulty.get(i).path(tokens).asInt(), tokens + " of " + i);
            }
        }
        Map<String, JsonNode> truth = new java.util.HashMap<>();
        faultyRun.truth().forEach(t -> truth.put(t.path("id").asText(), t));
        List<Double> stampErrorsMs = new ArrayList<>();
        for (JsonNode r : faultyRun.records()) {
            JsonNode t = truth.get(r.path("response_id").asText());
            if (!r.path("error").isNull() || r.path("warmup").asBoolean() || t == null || t.path("fault").isTextual()) {
                continue;
            }
            assertEquals(t.path("completion_tokens").asInt(), r.path("completion_tokens").asInt(), "completion tokens " + r);
            stampErrorsMs.add(Math.abs(r.path("first_token_epoch_us").asLong()
                    - t.path("first_content_written_epoch_us").asLong()) / 1000.0);
        }
        assertTrue(stampErrorsMs.size() >= 8, "good requests matched to the server's truth: " + stampErrorsMs.size());
        double[] sorted = stampErrorsMs.stream().mapToDouble(d -> d).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(java.util.Locale.ROOT, "good requests under faults: %d, first-token stamp vs server truth "
                + "median %.3f ms%n", sorted.length, median);
        assertTrue(median <= 5.0, "first-token stamp error median " + median + " ms");
    }

}
