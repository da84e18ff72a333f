package io.scribehook.hub.keys;

import java.time.Instant;

/**
 * A stored API key, without its secret (only a hash of it is kept).
 *
 * @param keyId the public part, shown in listings and logs
 * @param name a label given at creation; may be null
 * @param revokedAt when it stopped working, else null
 */
public record ApiKey(String keyId, String name, Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
