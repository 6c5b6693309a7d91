package io.weft.internal.zmtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Layout of the 64-octet ZMTP 3.x greeting (RFC 23/37 "Formal Grammar"), how to write ours, and an
 * incremental {@link Parser} for the peer's.
 *
 * <pre>
 *   0      1                      9      10     11     12                   32          33          63
 *  +------+----------------------+------+------+------+--------------------+-----------+-----------+
 *  | 0xFF | padding (8 octets)   | 0x7F | major| minor| mechanism (20)     | as-server | filler(31)|
 *  +------+----------------------+------+------+------+--------------------+-----------+-----------+
 *  \______________ signature (10) ______/
 *  \___________ version detection (11) ________/
 * </pre>
 *
 * <ul>
 *   <li>padding: never significant. libzmq fills it with a number (its routing id length + 1, a
 *       ZMTP 1.0 leftover); the parser never reads it. We send zeros.</li>
 *   <li>octet 9: 0x7F in ZMTP 2.0+; as libzmq does, only its lowest bit is checked (0 means an
 *       unversioned ZMTP 1.0 peer).</li>
 *   <li>mechanism: ASCII name ("NULL", "PLAIN", "CURVE"), null padded to 20 octets.</li>
 *   <li>as-server: 1 if the sender is the server of the security handshake (0 for NULL).</li>
 *   <li>filler: zeros; ignored on receipt so that later versions may use it.</li>
 * </ul>
 *
 * <p>Version negotiation, as libzmq does it: send octets [0, 11) at once, read the peer's first 11
 * octets, refuse a major version below 3, then send octets [11, 64) and read the rest. A peer with
 * major 3 and minor 0 speaks ZMTP 3.0 (subscriptions as messages); anything newer speaks 3.1 rules.
 */
public final class Greeting {
    /** Length of the whole greeting. */
    public static final int SIZE = 64;
    /** Length of the signature (octets 0 to 9). */
    public static final int SIGNATURE_SIZE = 10;
    /** Octets to send first and to read before choosing a version: signature + major version. */
    public static final int VERSION_DETECTION_SIZE = 11;

    /** Offset of the signature's first octet, always 0xFF. */
    public static final int SIGNATURE_START_OFFSET = 0;
    /** Offset of the 8 padding octets. */
    public static final int PADDING_OFFSET = 1;
    /** Length of the padding. */
    public static final int PADDING_SIZE = 8;
    /** Offset of the signature's last octet, 0x7F. */
    public static final int SIGNATURE_END_OFFSET = 9;
    /** Offset of the major version. */
    public static final int MAJOR_OFFSET = 10;
    /** Offset of the minor version. */
    public static final int MINOR_OFFSET = 11;
    /** Offset of the mechanism name. */
    public static final int MECHANISM_OFFSET = 12;
    /** Length of the null-padded mechanism name. */
    public static final int MECHANISM_SIZE = 20;
    /** Offset of the as-server octet. */
    public static final int AS_SERVER_OFFSET = 32;
    /** Offset of the filler. */
    public static final int FILLER_OFFSET = 33;
    /** Length of the filler. */
    public static final int FILLER_SIZE = 31;

    /** The major version we speak. */
    public static final int MAJOR_VERSION = 3;
    /** The minor version we speak. */
    public static final int MINOR_VERSION = 1;

    private static final int SIGNATURE_START = 0xFF;
    private static final int SIGNATURE_END = 0x7F;

    private Greeting() {
    }

    /**
     * Our full greeting: ZMTP 3.1, {@code mechanism} (e.g. "NULL"), the as-server flag.
     *
     * @throws IllegalArgumentException if the mechanism name is empty, longer than 20 octets, or has
     *     characters outside A-Z, 0-9, '-', '_', '.', '+'
     */
    public static byte[] encode(String mechanism, boolean asServer) {
        checkMechanismName(mechanism);
        byte[] g = new byte[SIZE];
        g[SIGNATURE_START_OFFSET] = (byte) SIGNATURE_START;
        g[SIGNATURE_END_OFFSET] = (byte) SIGNATURE_END;
        g[MAJOR_OFFSET] = MAJOR_VERSION;
        g[MINOR_OFFSET] = MINOR_VERSION;
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, g, MECHANISM_OFFSET, name.length);
        g[AS_SERVER_OFFSET] = (byte) (asServer ? 1 : 0);
        return g;
    }

    private static void checkMechanismName(String mechanism) {
        if (mechanism == null || mechanism.isEmpty() || mechanism.length() > MECHANISM_SIZE) {
            throw new IllegalArgumentException(
                    "mechanism=" + mechanism + " (expected: 1 to " + MECHANISM_SIZE + " characters)");
        }
        for (int i = 0; i < mechanism.length(); i++) {
            if (!isMechanismChar(mechanism.charAt(i))) {
                throw new IllegalArgumentException(
                        "mechanism=" + mechanism + " (expected: A-Z, 0-9, '-', '_', '.', '+')");
            }
        }
    }

    private static boolean isMechanismChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '+';
    }

    /**
     * Reads a peer's greeting from bytes as they arrive, in any split. It consumes greeting bytes only
     * (never past octet 64), checks the signature as soon as its octets arrive and the version once
     * octet 10 is in, and reports how far it got. Not thread-safe; one per connection.
     */
    public static final class Parser {
        /** How far the parser got. */
        public enum Progress {
            /** Fewer than 11 octets so far: the version is not known yet. */
            NEED_VERSION,
            /** Signature and major version read and accepted (ZMTP 3+): send the rest of ours. */
            VERSION_KNOWN,
            /** All 64 octets read and accepted. */
            COMPLETE
        }

        private final byte[] received = new byte[SIZE];
        private int count;
        private String mechanism;

        /**
         * Consumes greeting octets from {@code in} (up to the 64th) and validates what arrived.
         *
         * @return how far the greeting is read
         * @throws ZmtpProtocolException {@link ZmtpProtocolException.Kind#NOT_ZMTP} for a bad
         *     signature, {@link ZmtpProtocolException.Kind#UNSUPPORTED_VERSION} for a major version
         *     below 3, {@link ZmtpProtocolException.Kind#MECHANISM_MISMATCH} for a malformed mechanism
         */
        public Progress feed(ByteBuffer in) {
            int n = Math.min(in.remaining(), SIZE - count);
            int before = count;
            in.get(received, count, n);
            count += n;
            if (before <= SIGNATURE_START_OFFSET && count > SIGNATURE_START_OFFSET) {
                checkSignatureStart();
            }
            if (before <= SIGNATURE_END_OFFSET && count > SIGNATURE_END_OFFSET) {
                checkSignatureEnd();
            }
            if (before <= MAJOR_OFFSET && count > MAJOR_OFFSET) {
                checkMajor();
            }
            if (before < SIZE && count == SIZE) {
                mechanism = parseMechanism();
            }
            return progress();
        }

        /** How far the greeting is read. */
        public Progress progress() {
            if (count == SIZE) {
                return Progress.COMPLETE;
            }
            return count >= VERSION_DETECTION_SIZE ? Progress.VERSION_KNOWN : Progress.NEED_VERSION;
        }

        /** Whether the signature and major version are read (the rest of our greeting may go). */
        public boolean versionKnown() {
            return count >= VERSION_DETECTION_SIZE;
        }

        /** Whether all 64 octets are read. */
        public boolean isComplete() {
            return count == SIZE;
        }

        /** The peer's major version (3 or more); valid once {@link #versionKnown()}. */
        public int major() {
            requireCount(VERSION_DETECTION_SIZE);
            return received[MAJOR_OFFSET] & 0xFF;
        }

        /** The peer's minor version; valid once {@link #isComplete()}. */
        public int minor() {
            requireCount(SIZE);
            return received[MINOR_OFFSET] & 0xFF;
        }

        /**
         * Whether the peer speaks ZMTP 3.0 exactly (major 3, minor 0): subscriptions then travel as
         * 0x01/0x00-prefixed messages, not SUBSCRIBE/CANCEL commands. Valid once complete.
         */
        public boolean isZmtp30() {
            return major() == 3 && minor() == 0;
        }

        /** The peer's mechanism name without its null padding ("NULL"...); valid once complete. */
        public String mechanism() {
            requireCount(SIZE);
            return mechanism;
        }

        /**
         * The peer's as-server flag; valid once complete. Any non-zero octet counts as set: libzmq
         * does not validate the octet, so neither do we.
         */
        public boolean asServer() {
            requireCount(SIZE);
            return received[AS_SERVER_OFFSET] != 0;
        }

        private void requireCount(int needed) {
            if (count < needed) {
                throw new IllegalStateException(
                        "greeting octets read=" + count + " (expected: >= " + needed + ")");
            }
        }

        private void checkSignatureStart() {
            int first = received[SIGNATURE_START_OFFSET] & 0xFF;
            if (first != SIGNATURE_START) {
                throw new ZmtpProtocolException(ZmtpProtocolException.Kind.NOT_ZMTP, String.format(
                        "greeting octet 0=0x%02x (expected: 0xff): not a ZMTP peer, or an unversioned "
                                + "ZMTP 1.0 peer, which Weft refuses", first));
            }
        }

        private void checkSignatureEnd() {
            int last = received[SIGNATURE_END_OFFSET] & 0xFF;
            if ((last & 1) == 0) {
                throw new ZmtpProtocolException(ZmtpProtocolException.Kind.NOT_ZMTP, String.format(
                        "greeting octet 9=0x%02x (expected: lowest bit set, 0x7f): not a ZMTP peer, or an "
                                + "unversioned ZMTP 1.0 peer, which Weft refuses", last));
            }
        }

        private void checkMajor() {
            int major = received[MAJOR_OFFSET] & 0xFF;
            if (major < MAJOR_VERSION) {
                throw new ZmtpProtocolException(ZmtpProtocolException.Kind.UNSUPPORTED_VERSION,
                        "peer ZMTP major version=" + major + " (expected: >= 3; peers older than "
                                + "ZMTP 3.0, i.e. libzmq before 4.0, are refused)");
            }
        }

        private String parseMechanism() {
            int end = MECHANISM_OFFSET;
            int limit = MECHANISM_OFFSET + MECHANISM_SIZE;
            while (end < limit && received[end] != 0) {
                int c = received[end] & 0xFF;
                if (!isMechanismChar(c)) {
                    throw badMechanism();
                }
                end++;
            }
            for (int i = end; i < limit; i++) {
                if (received[i] != 0) {
                    throw badMechanism();
                }
            }
            if (end == MECHANISM_OFFSET) {
                throw badMechanism();
            }
            return new String(received, MECHANISM_OFFSET, end - MECHANISM_OFFSET, StandardCharsets.US_ASCII);
        }

        private ZmtpProtocolException badMechanism() {
            StringBuilder hex = new StringBuilder();
            for (int i = MECHANISM_OFFSET; i < MECHANISM_OFFSET + MECHANISM_SIZE; i++) {
                hex.append(String.format("%02x", received[i] & 0xFF));
            }
            return new ZmtpProtocolException(ZmtpProtocolException.Kind.MECHANISM_MISMATCH,
                    "greeting mechanism=0x" + hex + " (expected: 1-20 characters of A-Z, 0-9, '-', '_', "
                            + "'.', '+', then null padding)");
        }
    }
}
