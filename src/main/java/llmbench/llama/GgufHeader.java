package llmbench.llama;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few metadata values of a GGUF file the engine needs, read in plain Java before any native code
 * runs, so that a wrong path fails with one readable message instead of a native error or crash.
 *
 * <p>Layout (GGUF v2/v3, little-endian): magic {@code "GGUF"}, uint32 version, uint64 tensor count,
 * uint64 metadata count, then key/value pairs (key: uint64 length + UTF-8; uint32 type; value).
 */
public record GgufHeader(int version, Optional<String> chatTemplate, boolean addBos, Optional<Long> trainedContext) {

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final long MAX_STRING_BYTES = 64L << 20;

    /**
     * Reads the header of {@code file}.
     *
     * @throws IllegalArgumentException one line naming the path when the file is missing, unreadable
     *                                  or not a GGUF v2/v3 file
     */
    public static GgufHeader read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("llama model file not found: " + abs);
        }
        if (!Files.isReadable(abs)) {
            throw new IllegalArgumentException("llama model file not readable: " + abs);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(abs), 1 << 16)) {
            Reader r = new Reader(new DataInputStream(in));
            if (r.u32() != MAGIC) {
                throw new IllegalArgumentException("not a GGUF model file (bad magic): " + abs);
            }
            int version = r.u32();
            if (version < 2 || version > 3) {
                throw new IllegalArgumentException("unsupported GGUF version " + version + ": " + abs);
            }
            r.u64(); // tensor count
            long kvCount = r.u64();
            String template = null;
            boolean addBos = true; // llama.cpp's default for SentencePiece-style Llama vocabularies
            Long trainedContext = null;
            for (long i = 0; i < kvCount; i++) {
                String key = r.string();
                int type = r.u32();
                if (key.equals("tokenizer.chat_template") && type == 8) {
                    template = r.string();
                } else if (key.equals("tokenizer.ggml.add_bos_token") && type == 7) {
                    addBos = r.in.readUnsignedByte() != 0;
                } else if (key.endsWith(".context_length") && (type == 4 || type == 10)) {
                    trainedContext = type == 4 ? Integer.toUnsignedLong(r.u32()) : r.u64();
                } else {
                    r.skipValue(type);
                }
            }
            return new GgufHeader(version, Optional.ofNullable(template), addBos, Optional.ofNullable(trainedContext));
        } catch (EOFException e) {
            throw new IllegalArgumentException("not a GGUF model file (truncated header): " + abs);
        } catch (IOException e) {
            throw new IllegalArgumentException("llama model file not readable: " + abs + " (" + e.getMessage() + ")");
        }
    }

    private static final class Reader {
        final DataInputStream in;

        Reader(DataInputStream in) {
            this.in = in;
        }

        int u32() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        long u64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        String string() throws IOException {
            long n = u64();
            if (n < 0 || n > MAX_STRING_BYTES) {
                throw new EOFException();
            }
            return new String(in.readNBytes((int) n), StandardCharsets.UTF_8);
        }

        void skip(long n) throws IOException {
            in.skipNBytes(n);
        }

        void skipValue(int type) throws IOException {
            switch (type) {
                case 0, 1, 7 -> skip(1);
                case 2, 3 -> skip(2);
                case 4, 5, 6 -> skip(4);
                case 10, 11, 12 -> skip(8);
                case 8 -> {
                    long n = u64();
                    if (n < 0 || n > MAX_STRING_BYTES) {
                        throw new EOFException();
                    }
                    skip(n);
                }
                case 9 -> {
                    int elementType = u32();
                    long count = u64();
                    if (count < 0) {
                        throw new EOFException();
                    }
                    for (long i = 0; i < count; i++) {
                        skipValue(elementType);
                    }
                }
                default -> throw new EOFException();
            }
        }
    }
}
