package io.weft.devices;

import picocli.CommandLine.ITypeConverter;

/**
 * An endpoint as given on the command line: bound by default, connected to with a leading
 * {@code >} ({@code @} may mark a bind explicitly, as in CZMQ). The endpoint itself is checked by
 * the bind or connect, which says what is wrong with it.
 */
record EndpointSpec(boolean connect, String endpoint) {

    static EndpointSpec parse(String text) {
        if (text.startsWith(">")) {
            return new EndpointSpec(true, text.substring(1));
        }
        if (text.startsWith("@")) {
            return new EndpointSpec(false, text.substring(1));
        }
        return new EndpointSpec(false, text);
    }

    /** For picocli. */
    static final class Converter implements ITypeConverter<EndpointSpec> {
        @Override
        public EndpointSpec convert(String value) {
            return parse(value);
        }
    }
}
