package io.weft.transports;

import io.weft.InvalidEndpointException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses the address part of a {@code tcp://} endpoint: {@code host:port}, {@code [ipv6]:port},
 * {@code *:port} (every interface), and port {@code *} or {@code 0} (an ephemeral port, bind only).
 */
final class TcpAddress {
    private TcpAddress() {
    }

    static InetSocketAddress parse(String address, boolean forBind) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new InvalidEndpointException("tcp://" + address + ": expected host:port (e.g. tcp://127.0.0.1:5555)");
        }
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        int port;
        if (portText.equals("*")) {
            if (!forBind) {
                throw new InvalidEndpointException("tcp://" + address + ": connect needs a port number, not '*'");
            }
            port = 0;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new InvalidEndpointException("tcp://" + address + ": port=" + portText + " (expected: 0 to 65535 or *)");
            }
            if (port < 0 || port > 65535 || (port == 0 && !forBind)) {
                throw new InvalidEndpointException("tcp://" + address + ": port=" + port
                        + " (expected: " + (forBind ? "0" : "1") + " to 65535)");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("*")) {
            if (!forBind) {
                throw new InvalidEndpointException("tcp://" + address + ": connect needs a host, not '*'");
            }
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new InvalidEndpointException("tcp://" + address + ": cannot resolve host '" + host + "'", e);
        }
    }

    static String format(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip instanceof Inet6Address ? "[" + compress(ip.getAddress()) + "]" : ip.getHostAddress();
        return "tcp://" + host + ":" + a.getPort();
    }

    /** An IPv6 address in its canonical text form (RFC 5952): {@code ::1}, not {@code 0:0:0:0:0:0:0:1}. */
    static String compress(byte[] ipv6) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ipv6[2 * i] & 0xFF) << 8) | (ipv6[2 * i + 1] & 0xFF);
        }
        // The longest run of two or more zero groups (the first if tied) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
