package io.weft.internal.zmtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Test fixtures written as the RFC draws them: hex octets and quoted ASCII, separated by spaces, e.g.
 * {@code Hex.bytes("04 1c 05 'READY' 0b 'Socket-Type'")}.
 */
final class Hex {
    private Hex() {
    }

    /** Octets from a fixture: two-digit hex numbers and 'quoted ASCII' runs, spaces ignored. */
    static byte[] bytes(String fixture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < fixture.length()) {
            char c = fixture.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = fixture.indexOf('\'', i + 1);
                out.writeBytes(fixture.substring(i + 1, end).getBytes(StandardCharsets.US_ASCII));
                i = end + 1;
            } else {
                out.write(Integer.parseInt(fixture.substring(i, i + 2), 16));
                i += 2;
            }
        }
        return out.toByteArray();
    }

    /** {@code n} zero octets. */
    static String zeros(int n) {
        return " 00".repeat(n);
    }

    /** Concatenation of arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The remaining octets of the first {@code count} buffers, consumed. */
    static byte[] drain(ByteBuffer[] buffers, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[buffers[i].remaining()];
            buffers[i].get(b);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
