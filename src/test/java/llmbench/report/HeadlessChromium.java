package llmbench.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Debian's Chromium run headless on a local file, with the flags this machine needs (no sandbox as root, no
 * GPU, no background networking; a fresh profile per run). Console messages go to stderr
 * ({@code --enable-logging=stderr --v=0}) as {@code INFO:CONSOLE} lines, whatever their level.
 */
final class HeadlessChromium {
    static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--enable-logging=stderr", "--v=0", "--hide-scrollbars");

    record Result(int exit, String stdout, String stderr) {
        List<String> consoleLines() {
            return stderr.lines().filter(l -> CONSOLE.matcher(l).find()).toList();
        }
    }

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** {@code -Dreport.chromium=PATH} if given, else /usr/bin/chromium, else chromium or chromium-browser on PATH. */
    static Optional<HeadlessChromium> find() {
        String given = System.getProperty("report.chromium", "");
        if (!given.isEmpty()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable).map(HeadlessChromium::new);
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
                candidates.add(Path.of(dir, "chromium-browser"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    Result run(Path workDir, List<String> extra, Path page) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + Files.createTempDirectory(workDir, "profile"));
        cmd.addAll(extra);
        cmd.add(page.toUri().toString());
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
