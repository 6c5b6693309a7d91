package io.weft.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoints as bind returns them: IPv6 in its canonical short form (RFC 5952), as libzmq shows it. */
class TcpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:0:0:0:1, fe80::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8:0:0:0:0:2:0, 2001:db8::2:0"
    })
    void ipv6EndpointsUseTheShortForm(String full, String canonical) throws UnknownHostException {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(full), 5555);
        assertEquals("tcp://[" + canonical + "]:5555", TcpAddress.format(a));
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "10.1.2.3"})
    void ipv4EndpointsAreDottedQuads(String ip) throws UnknownHostException {
        assertEquals("tcp://" + ip + ":1", TcpAddress.format(new InetSocketAddress(InetAddress.getByName(ip), 1)));
    }
}
