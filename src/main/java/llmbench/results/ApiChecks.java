package llmbench.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import llmbench.load.ApiPlan;
import llmbench.metrics.Rates;
import llmbench.metrics.Rounding;
import llmbench.timing.RequestRecord;

/**
 * The seed's pass criteria of its seven API checks (test_api_comprehensive.py, spec §6), evaluated on the
 * request records. A criterion the seed only warns about is a warning here too.
 */
public final class ApiChecks {
    /** One check's verdict. */
    public record Verdict(String name, boolean passed, List<String> reasons, List<String> warnings, Double timeS) {
        public String gatlingVerdict() {
            return passed ? "pass" : "fail: " + String.join("; ", reasons);
        }
    }

    private ApiChecks() {
    }

    public static Map<String, Verdict> evaluate(List<RequestRecord> records) {
        Map<String, RequestRecord> by = new HashMap<>();
        records.stream().filter(r -> !r.labels().warmup()).forEach(r -> by.put(r.labels().caseName(), r));
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (String check : ApiPlan.CHECKS) {
            List<String> reasons = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            List<RequestRecord> used = new ArrayList<>();
            switch (check) {
                case "streaming_chat" -> streamingChat(need(by, check, reasons, used), reasons);
                case "multiturn_conversation" -> {
                    need(by, ApiPlan.TURN_1, reasons, used);
                    RequestRecord two = need(by, ApiPlan.TURN_2, reasons, used);
                    if (two != null && reasons.isEmpty()
                            && (two.content() == null || !two.content().toLowerCase(Locale.ROOT).contains("alice"))) {
                        reasons.add("the reply to 'What is my name?' does not contain 'alice'");
                    }
                }
                case "deterministic_temp0" -> {
                    RequestRecord a = need(by, ApiPlan.DET_1, reasons, used);
                    RequestRecord b = need(by, ApiPlan.DET_2, reasons, used);
                    if (reasons.isEmpty() && !java.util.Objects.equals(a.content(), b.content())) {
                        reasons.add("two temperature-0 replies differ: '" + clip(a.content()) + "' vs '" + clip(b.content()) + "'");
                    }
                }
                case "stop_sequences" -> {
                    RequestRecord r = need(by, check, reasons, used);
                    if (r != null && reasons.isEmpty()) {
                        String c = r.content() == null ? "" : r.content().strip();
                        if (c.contains("\n")) {
                            reasons.add("content contains the stop sequence \\n");
                        }
                        if (!"stop".equals(r.finishReason())) {
                            reasons.add("finish_reason is " + r.finishReason() + ", not stop");
                        }
                        if (c.length() >= 200) {
                            warnings.add("content is " + c.length() + " characters long");
                        }
                    }
                }
                case "completions_endpoint" -> {
                    RequestRecord r = need(by, check, reasons, used);
                    if (r != null && reasons.isEmpty()) {
                        if (r.shape() == null || !"text_completion".equals(r.shape().object())) {
                            reasons.add("object is " + (r.shape() == null ? null : r.shape().object()) + ", not text_completion");
                        }
                        if (r.responseId() == null || r.responseId().isEmpty()) {
                            reasons.add("no id");
                        }
                        if (r.content() == null) {
                            reasons.add("choices[0] has no text");
                        }
                        if (r.usagePromptTokens() == null || r.usageCompletionTokens() == null) {
                            reasons.add("usage lacks prompt_tokens or completion_tokens");
                        }
                        if (r.finishReason() == null) {
                            warnings.add("no finish_reason");
                        }
                    }
                }
                case "streaming_completions" -> {
                    RequestRecord r = need(by, check, reasons, used);
                    if (r != null && reasons.isEmpty()) {
                        if (r.contentChunks() < 1) {
                            reasons.add("no non-empty text piece");
                        }
                        if (r.finishReason() == null) {
                            reasons.add("no finish_reason");
                        }
                        if (r.shape() != null && !"text_completion".equals(r.shape().object())) {
                            warnings.add("first chunk object is " + r.shape().object());
                        }
                    }
                }
                case "large_token_generation" -> {
                    RequestRecord r = need(by, check, reasons, used);
                    if (r != null && reasons.isEmpty()) {
                        Integer n = r.completionTokens();
                        if (n == null) {
                            reasons.add("no completion_tokens in usage");
                        } else {
                            if (n > 512) {
                                reasons.add("completion_tokens " + n + " exceeds max_tokens 512");
                            }
                            if ("length".equals(r.finishReason()) && n < 256) {
                                reasons.add("finish_reason length after only " + n + " tokens (< 256)");
                            }
                            if ("stop".equals(r.finishReason()) && n < 100) {
                                warnings.add("stopped after " + n + " tokens");
                            }
                        }
                    }
                }
                default -> reasons.add("unknown check");
            }
            double time = used.stream().filter(r -> r.endUs() != null || r.closedUs() > 0)
                    .mapToDouble(r -> Rates.seconds((r.endUs() != null ? r.endUs() : r.closedUs()) - r.sendUs())).sum();
            out.put(check, new Verdict(check, reasons.isEmpty(), List.copyOf(reasons), List.copyOf(warnings),
                    used.isEmpty() ? null : Rounding.round(time, 3)));
        }
        return out;
    }

    /** The seed's streaming_chat criteria. */
    private static void streamingChat(RequestRecord r, List<String> reasons) {
        if (r == null || !reasons.isEmpty()) {
            return;
        }
        if (r.contentChunks() < 2) {
            reasons.add("only " + r.contentChunks() + " non-empty content pieces (need 2)");
        }
        if (r.content() == null || r.content().strip().isEmpty()) {
            reasons.add("joined content is empty");
        }
        if (r.finishReason() == null) {
            reasons.add("no finish_reason");
        }
        if (r.shape() == null || r.shape().parsedChunks() < 1) {
            reasons.add("no chunk parsed");
        } else if (!r.shape().firstThreeHaveIdAndObject()) {
            reasons.add("one of the first three chunks lacks id or object");
        }
    }

    /** The record of a case, or a reason why it cannot be checked (missing, HTTP error, no [DONE]). */
    private static RequestRecord need(Map<String, RequestRecord> by, String name, List<String> reasons,
                                      List<RequestRecord> used) {
        RequestRecord r = by.get(name);
        if (r == null) {
            reasons.add(name + ": not sent or not recorded");
            return null;
        }
        used.add(r);
        if (r.httpStatus() == null || r.httpStatus() != 200) {
            reasons.add(name + ": HTTP " + (r.httpStatus() == null ? "status unknown (" + r.error() + ")" : r.httpStatus()));
            return r;
        }
        if (r.streamed() && r.endUs() == null) {
            reasons.add(name + ": no data: [DONE]");
        } else if (r.error() != null && !r.error().startsWith("finish_reason")) {
            reasons.add(name + ": " + r.error());
        }
        return r;
    }

    private static String clip(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
