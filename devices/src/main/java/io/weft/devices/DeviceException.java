package io.weft.devices;

/** A device could not start; the message is the whole explanation, fit for one line on stderr. */
final class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    DeviceException(String message) {
        super(message);
    }
}
