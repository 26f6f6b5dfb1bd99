package llmbench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmbench.config.BadInputException;

/**
 * The cases of the plan's bench_ngram: the categories of {@code categories.json} (name → description, in
 * file order), each with the prompts of its folder ({@code <category>/*.txt}, up to {@code perCategory}),
 * one streamed chat at a time. A case is named {@code <category>/<file stem>}.
 */
public final class NgramPlan {
    private NgramPlan() {
    }

    public static String category(String caseName) {
        int slash = caseName.indexOf('/');
        return slash < 0 ? caseName : caseName.substring(0, slash);
    }

    /** Category → description, in the order of {@code categories.json}. */
    public static Map<String, String> categories(Path dir, List<String> only) {
        Path file = dir.resolve("categories.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("n-gram categories " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (only.isEmpty() || only.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        for (String name : only) {
            if (!out.containsKey(name)) {
                throw new BadInputException("ngram.categories names '" + name + "', which " + file + " does not list");
            }
        }
        return out;
    }

    public static List<CaseSequence.Case> cases(String model, Path dir, Map<String, String> categories,
                                                int perCategory, int maxTokens, double temperature, Duration pause) {
        List<CaseSequence.Case> cases = new ArrayList<>();
        for (Map.Entry<String, String> c : categories.entrySet()) {
            PromptCorpus prompts = PromptCorpus.fromFolder(dir.resolve(c.getKey()));
            List<Path> files = listTxt(dir.resolve(c.getKey()));
            for (int i = 0; i < Math.min(perCategory, prompts.size()); i++) {
                String stem = files.get(i).getFileName().toString().replace(".txt", "");
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("category", c.getKey());
                fields.put("category_description", c.getValue());
                fields.put("max_tokens", maxTokens);
                cases.add(new CaseSequence.Case(c.getKey() + "/" + stem, CaseSequence.Kind.STREAM_CHAT,
                        ChatRequestBody.streaming(model, prompts.forRequest(i), maxTokens, temperature), fields, pause));
            }
        }
        return cases;
    }

    private static List<Path> listTxt(Path dir) {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("prompt folder " + dir.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }
}
