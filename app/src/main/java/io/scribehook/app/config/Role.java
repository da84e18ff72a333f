package io.scribehook.app.config;

import java.util.Locale;

/** What an instance serves: the webhook receiver, the sending hub, or both. */
public enum Role {
    RECEIVER,
    HUB;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
