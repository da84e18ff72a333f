package io.scribehook.signatures;

import java.util.Objects;

/**
 * A webhook signing secret. The HMAC key is the UTF-8 bytes of {@code value} as-is ({@code
 * whsec_...} is not decoded). {@code keyId} names it in the {@code keyid} parameter; a null or blank
 * key id becomes {@code "default"}. {@link #toString()} never prints the value.
 */
public record WebhookSecret(String keyId, String value) {
    public static final String DEFAULT_KEY_ID = "default";

    public WebhookSecret {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        if (keyId == null || keyId.isBlank()) {
            keyId = DEFAULT_KEY_ID;
        }
        for (int i = 0; i < keyId.length(); i++) {
            char c = keyId.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a key id must be printable ASCII");
            }
        }
    }

    /** A secret with the default key id. */
    public static WebhookSecret of(String value) {
        return new WebhookSecret(null, value);
    }

    @Override
    public String toString() {
        return "WebhookSecret[keyId=" + keyId + ", value=(" + value.length() + " chars, hidden)]";
    }
}
