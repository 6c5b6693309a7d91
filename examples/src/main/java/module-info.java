/**
 * Runnable examples of Weft: the demo of every socket type and the classic small programs. They
 * need only the public API; the socket types (io.weft.patterns) are found at run time.
 */
module io.weft.examples {
    requires io.weft.core;

    exports io.weft.examples;
}
