package llmbench.refserver.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON pieces straight into a buffer, as Python's {@code json.dumps} does by default: strings
 * quoted, non-ASCII as {@code \\uXXXX} (ASCII output only), so no encoder or String is allocated per
 * token.
 */
final class JsonText {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JsonText() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON string literal of {@code s}, quotes included, as ASCII bytes. */
    static byte[] quoted(String s) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer(s.length() + 8);
        writeString(b, s);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    static void writeString(ByteBuf out, String s) {
        out.writeByte('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.writeByte('\\').writeByte('"');
                case '\\' -> out.writeByte('\\').writeByte('\\');
                case '\n' -> out.writeByte('\\').writeByte('n');
                case '\r' -> out.writeByte('\\').writeByte('r');
                case '\t' -> out.writeByte('\\').writeByte('t');
                case '\b' -> out.writeByte('\\').writeByte('b');
                case '\f' -> out.writeByte('\\').writeByte('f');
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.writeByte('\\').writeByte('u')
                                .writeByte(HEX[(c >> 12) & 0xf]).writeByte(HEX[(c >> 8) & 0xf])
                                .writeByte(HEX[(c >> 4) & 0xf]).writeByte(HEX[c & 0xf]);
                    } else {
                        out.writeByte(c);
                    }
                }
            }
        }
        out.writeByte('"');
    }

    /** Decimal digits of a non-negative number. */
    static void writeLong(ByteBuf out, long v) {
        if (v >= 10) {
            writeLong(out, v / 10);
        }
        out.writeByte('0' + (int) (v % 10));
    }
}
