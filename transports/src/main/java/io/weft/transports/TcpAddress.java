package io.weft.transports;

import io.weft.InvalidEndpointException;
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
        String host = ip.getHostAddress();
        if (host.indexOf(':') >= 0) {
            int scope = host.indexOf('%');
            host = "[" + (scope >= 0 ? host.substring(0, scope) : host) + "]";
        }
        return "tcp://" + host + ":" + a.getPort();
    }
}
