package llmbench.capacity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import llmbench.config.BadInputException;
import llmbench.files.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code CapacityModelMain --results-dir DIR [--label L] [--predict k=12]... [--slo ttft_p95<=2s]...
 * [--fit-k 1,2,4,8] [--max-batch N] [--prompt-tokens N] [--output-tokens N]}: fits the step model to the
 * result files of DIR, prints parameters, cross-validation errors, predictions and SLO answers, and writes
 * {@code capacity_model_<label>_<YYYYMMDD_HHMMSS>.json} into DIR. Bad input: one line, exit 2.
 */
@Command(name = "CapacityModelMain", sortOptions = false,
        description = "Fits a per-server performance model to benchmark results and predicts unmeasured loads.")
public final class CapacityModelMain implements Callable<Integer> {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    @Option(names = "--results-dir", required = true, description = "directory with bench_batch_*.json (and optionally bench_single_, bench_concurrent_, bench_rate_)")
    Path resultsDir;

    @Option(names = "--label", description = "label in the output file name (default: the bench_batch file's)")
    String label;

    @Option(names = "--predict", description = "k=N: N users at once; rate=R: R requests/s offered (needs a RateSweepSimulation result) (repeatable)")
    List<String> predict = new ArrayList<>();

    @Option(names = "--slo", description = "objective, e.g. ttft_p95<=2s, latency_p50<=800ms, decode_tok_s>=20 (repeatable)")
    List<String> slo = new ArrayList<>();

    @Option(names = "--fit-k", split = ",", description = "fit only these batch sizes; the others are predicted and compared (holdout_mape)")
    List<Integer> fitK = new ArrayList<>();

    @Option(names = "--max-batch", description = "the server's cap on running sequences, when known (default: none)")
    int maxBatch;

    @Option(names = "--prompt-tokens", description = "prompt tokens of predicted requests (default: measured mean)")
    Integer promptTokens;

    @Option(names = "--output-tokens", description = "completion tokens of predicted requests (default: measured mean)")
    Integer outputTokens;

    @Option(names = "--out", description = "directory for the model file (default: the results dir)")
    Path out;

    private final PrintStream stdout;
    private final ZonedDateTime now;
    private Path written;
    private List<String> arguments = List.of();

    CapacityModelMain(PrintStream stdout, ZonedDateTime now) {
        this.stdout = stdout;
        this.now = now;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, ZonedDateTime.now(ZoneOffset.UTC)));
    }

    /** Exit status: 0 done, 2 bad input (one line on {@code stderr}). */
    static int run(String[] args, PrintStream stdout, PrintStream stderr, ZonedDateTime now) {
        CapacityModelMain main = new CapacityModelMain(stdout, now);
        main.arguments = List.of(args);
        CommandLine cl = new CommandLine(main);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            stderr.println("gatling-llm-bench: error: " + e.getMessage());
            return 2;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(stdout);
            return 0;
        }
        try {
            return main.call();
        } catch (BadInputException e) {
            stderr.println("gatling-llm-bench: error: " + e.getMessage());
            return 2;
        }
    }

    Path written() {
        return written;
    }

    @Override
    public Integer call() {
        List<Integer> ks = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        String rateOption = null;
        for (String p : predict) {
            String s = p.trim().toLowerCase(Locale.ROOT);
            if (s.startsWith("rate=")) {
                rates.add(rate(p, s.substring(5)));
                rateOption = rateOption == null ? p.trim() : rateOption;
                continue;
            }
            if (!s.matches("k=[1-9][0-9]{0,3}") || Integer.parseInt(s.substring(2)) > SloQuery.MAX_USERS) {
                throw new BadInputException("--predict '" + p + "' is not k=N with N between 1 and " + SloQuery.MAX_USERS);
            }
            ks.add(Integer.parseInt(s.substring(2)));
        }
        List<SloQuery> slos = slo.stream().map(SloQuery::parse).toList();
        if (label != null && !label.matches("[A-Za-z0-9._-]+")) {
            throw new BadInputException("--label '" + label + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (maxBatch < 0 || (promptTokens != null && promptTokens < 1) || (outputTokens != null && outputTokens < 1)) {
            throw new BadInputException("--max-batch must be 0 or more, --prompt-tokens and --output-tokens 1 or more");
        }
        ResultsDir.Loaded loaded = ResultsDir.read(resultsDir);
        List<Measured.Point> fitPoints = new ArrayList<>();
        List<Measured.Point> unseen = new ArrayList<>();
        for (Measured.Point p : loaded.points()) {
            (fitK.isEmpty() || fitK.contains(p.k()) ? fitPoints : unseen).add(p);
        }
        if (!fitK.isEmpty()) {
            TreeSet<Integer> missing = new TreeSet<>(fitK);
            fitPoints.forEach(p -> missing.remove(p.k()));
            if (!missing.isEmpty()) {
                throw new BadInputException("--fit-k asks for batch sizes " + missing + " that the bench_batch files in "
                        + resultsDir + " do not have: run BatchSimulation with -Dbatch.sizes=" + String.join(",",
                        fitK.stream().map(String::valueOf).toList()) + " first");
            }
            if (fitPoints.size() < 2) {
                throw new BadInputException("--fit-k needs at least two batch sizes");
            }
        }
        if (!rates.isEmpty() && loaded.rates() == null) {
            throw new BadInputException("--predict " + rateOption + " needs an open-loop rate sweep "
                    + "(bench_rate_*.json with its _requests.jsonl) in " + resultsDir + ": run RateSweepSimulation first "
                    + "(mvn gatling:test -Dgatling.simulationClass=RateSweepSimulation -Drate.values=0.5,1,1.5 -Dresults.dir="
                    + resultsDir + ")");
        }
        List<Measured.Batch> others = loaded.fitted(true);
        CapacityModel model = CapacityModel.fit(fitPoints, others, maxBatch);
        CrossValidation.Result cv = CrossValidation.leaveOneKOut(fitPoints, others, maxBatch);
        CrossValidation.RateResult rateCv = CrossValidation.leaveOneRateOut(fitPoints, loaded.others(), loaded.rates(), maxBatch);
        CrossValidation.Result holdOut = fitK.isEmpty() ? null : CrossValidation.holdOut(model, unseen);
        int prompt = promptTokens != null ? promptTokens : model.defaultPromptTokens();
        int output = outputTokens != null ? outputTokens : model.defaultCompletionTokens();
        CapacityModel shown = model.withDefaults(prompt, output);
        List<Prediction> predictions = new ArrayList<>();
        for (int k : ks) {
            predictions.add(shown.predict(k));
        }
        List<RatePrediction> ratePredictions = new ArrayList<>();
        for (double r : rates) {
            ratePredictions.add(RatePrediction.at(model, r, loaded.rates(), promptTokens, outputTokens));
        }
        List<SloQuery.Answer> answers = slos.stream().map(q -> q.answer(shown)).toList();
        String lbl = label != null ? label : labelOf(loaded.files().get(0));
        List<Integer> fitted = fitPoints.stream().map(Measured.Point::k).toList();
        String doc = CapacityModelJson.render(new CapacityModelJson.Content(lbl, now, arguments, resultsDir, loaded, fitted, shown,
                cv, rateCv, holdOut, predictions, ratePredictions, slos, answers));
        Path target = (out != null ? out : resultsDir).resolve("capacity_model_" + lbl + "_" + now.format(STAMP) + ".json");
        try {
            AtomicFiles.createNew(target, doc);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + target + ": " + e.getMessage(), e);
        }
        written = target;
        new CapacityModelText(stdout).print(loaded, fitted, shown, cv, rateCv, holdOut, predictions, ratePredictions, slos, answers);
        stdout.println("gatling-llm-bench: capacity model -> " + target.toAbsolutePath());
        return 0;
    }

    /** The R of {@code --predict rate=R}: a number > 0 (requests per second). */
    private static double rate(String option, String value) {
        double r;
        try {
            r = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            r = Double.NaN;
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new BadInputException("--predict '" + option + "' is not rate=R with R a number of requests per second > 0");
        }
        return r;
    }

    /** bench_batch_<label>_<YYYYMMDD>_<HHMMSS>.json → label. */
    static String labelOf(Path batchFile) {
        String name = batchFile.getFileName().toString().replaceFirst("^bench_batch_", "").replaceFirst("\\.json$", "");
        String label = name.replaceFirst("_\\d{8}_\\d{6}$", "");
        return label.isEmpty() ? "model" : label;
    }
}
