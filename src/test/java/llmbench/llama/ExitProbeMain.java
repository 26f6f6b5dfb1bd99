package llmbench.llama;

import java.nio.file.Path;

/** Child-process probe: load, generate, close, return from main. The JVM must then exit by itself. */
public final class ExitProbeMain {

    public static void main(String[] args) {
        EngineSettings settings = EngineSettings.defaults().withModelFile(Path.of(args[0]))
                .withContextSize(512).withParallelSlots(1).withThreads(1);
        try (LlamaEngine engine = LlamaEngine.load(settings)) {
            GenerationResult r = engine.generate(GenerationRequest.text("Once upon a time", 8), TokenListener.NONE);
            System.out.println("probe generated " + r.completionTokens());
        }
        System.out.println("probe closed " + System.nanoTime());
    }
}
