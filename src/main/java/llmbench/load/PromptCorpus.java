package llmbench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import llmbench.config.BadInputException;

/** Prompts from a folder of {@code .txt} files (one per file, in file-name order) or a file of one prompt per line. */
public final class PromptCorpus {
    private final List<String> prompts;

    private PromptCorpus(List<String> prompts) {
        this.prompts = prompts;
    }

    public static PromptCorpus fromFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("prompt folder " + dir.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> txt = files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            if (txt.isEmpty()) {
                throw new BadInputException("prompt folder " + dir.toAbsolutePath() + " has no .txt files");
            }
            List<String> prompts = new java.util.ArrayList<>();
            for (Path p : txt) {
                String text = Files.readString(p, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new BadInputException("prompt file " + p.toAbsolutePath() + " is empty");
                }
                prompts.add(text);
            }
            return new PromptCorpus(List.copyOf(prompts));
        } catch (IOException e) {
            throw new BadInputException("prompt folder " + dir.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }

    /** Prompts read from a text file, one per non-blank line, in file order. */
    public static PromptCorpus fromLines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("prompt file " + file.toAbsolutePath() + " does not exist");
        }
        try {
            List<String> prompts = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (prompts.isEmpty()) {
                throw new BadInputException("prompt file " + file.toAbsolutePath() + " has no prompts");
            }
            return new PromptCorpus(prompts);
        } catch (IOException e) {
            throw new BadInputException("prompt file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }

    public int size() {
        return prompts.size();
    }

    /**
     * Request bodies for every prompt, built once up front so the feeder does no serialisation per request;
     * body i is for request i of a batch, cycling like {@link #forRequest}.
     */
    public java.util.function.IntFunction<String> bodies(java.util.function.Function<String, String> toBody) {
        List<String> built = prompts.stream().map(toBody).toList();
        return i -> built.get(i % built.size());
    }

    /**
     * {@link #bodies(java.util.function.Function)} with prompt i salted as request {@code tag + "i" + i}
     * ({@link PromptSalt}), so that no two of the {@code count} requests, nor any request of another tag, share a
     * prompt prefix; built up front like the unsalted bodies. With {@link PromptSalt#NONE}, the unsalted bodies.
     */
    public java.util.function.IntFunction<String> bodies(int count, PromptSalt salt, String tag,
                                                          java.util.function.Function<String, String> toBody) {
        if (!salt.salts()) {
            return bodies(toBody);
        }
        List<String> built = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            built.add(toBody.apply(salt.apply(tag + "i" + i, forRequest(i))));
        }
        return i -> built.get(i % built.size());
    }

    /** Prompt i of a batch: distinct within a batch of up to {@link #size()} requests, repeating beyond. */
    public String forRequest(int i) {
        return prompts.get(i % prompts.size());
    }
}
