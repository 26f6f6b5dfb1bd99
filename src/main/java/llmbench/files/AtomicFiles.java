package llmbench.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Whole-file writes that a reader never sees half done: write a temporary sibling, then rename it. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target}; for files this run owns, such as its own partial file. */
    public static void replace(Path target, String content) throws IOException {
        replace(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #replace(Path, String)} for bytes. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path tmp = writeTemp(target, content);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code target}, failing if it exists: a link is atomic and never replaces. */
    public static void createNew(Path target, String content) throws IOException {
        Path tmp = writeTemp(target, content.getBytes(StandardCharsets.UTF_8));
        try {
            Files.createLink(target, tmp);
        } catch (UnsupportedOperationException e) {
            Files.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            // Temporary files are created owner-only; a result file is for everyone who can read the folder.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.write(tmp, content);
        return tmp;
    }
}
