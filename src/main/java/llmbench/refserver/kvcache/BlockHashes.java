package llmbench.refserver.kvcache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Chained block hashes over token ids, the seed's scheme (§3): the hash of block i covers the hex hash of
 * block i−1 (as ASCII; nothing for the first block) followed by block i's token ids as little-endian
 * int32, so equal hashes mean equal whole prefixes. Only full blocks get a hash. The seed uses
 * BLAKE2b-128; the JDK has no BLAKE2b, so this is SHA-256 truncated to 128 bits (32 hex digits) — same
 * length and role, different values.
 */
public final class BlockHashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private BlockHashes() {
    }

    /** Hashes of the {@code ids.length / blockSize} full blocks of {@code ids}, in order. */
    public static String[] chain(int[] ids, int blockSize) {
        MessageDigest sha = sha256();
        String[] out = new String[ids.length / blockSize];
        String prev = "";
        byte[] le = new byte[4];
        for (int b = 0; b < out.length; b++) {
            sha.reset();
            for (int i = 0; i < prev.length(); i++) {
                sha.update((byte) prev.charAt(i));
            }
            for (int i = b * blockSize; i < (b + 1) * blockSize; i++) {
                int v = ids[i];
                le[0] = (byte) v;
                le[1] = (byte) (v >>> 8);
                le[2] = (byte) (v >>> 16);
                le[3] = (byte) (v >>> 24);
                sha.update(le);
            }
            prev = hex(sha.digest(), 16);
            out[b] = prev;
        }
        return out;
    }

    private static String hex(byte[] bytes, int n) {
        char[] c = new char[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(c);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
