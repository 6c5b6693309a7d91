package io.weft.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.InvalidEndpointException;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesSchemeAndAddress() {
        Endpoint e = Endpoint.parse("tcp://127.0.0.1:5555");
        assertEquals("tcp", e.scheme());
        assertEquals("127.0.0.1:5555", e.address());
        assertEquals("tcp://127.0.0.1:5555", e.toString());
    }

    @Test
    void malformedEndpointsGetAClearMessage() {
        assertTrue(assertThrows(InvalidEndpointException.class, () -> Endpoint.parse("")).getMessage()
                .contains("empty"));
        assertTrue(assertThrows(InvalidEndpointException.class, () -> Endpoint.parse("localhost:5555")).getMessage()
                .contains("scheme://address"));
        assertTrue(assertThrows(InvalidEndpointException.class, () -> Endpoint.parse("bogus://x")).getMessage()
                .contains("unknown transport 'bogus'"));
        assertTrue(assertThrows(InvalidEndpointException.class, () -> Endpoint.parse("inproc://")).getMessage()
                .contains("no address"));
    }

    @Test
    void missingTransportModuleIsNamed() {
        InvalidEndpointException e = assertThrows(InvalidEndpointException.class,
                () -> Providers.get().transport("tcp"));
        assertTrue(e.getMessage().contains("weft-transports"), e.getMessage());
    }
}
