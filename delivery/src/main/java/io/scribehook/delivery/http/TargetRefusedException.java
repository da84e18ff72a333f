package io.scribehook.delivery.http;

import java.net.UnknownHostException;

/** The target's addresses are all refused by the {@link AddressGuard}; the message names why, never a secret. */
public final class TargetRefusedException extends UnknownHostException {
    public TargetRefusedException(String message) {
        super(message);
    }
}
