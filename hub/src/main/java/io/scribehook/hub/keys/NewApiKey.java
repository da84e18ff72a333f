package io.scribehook.hub.keys;

/**
 * A key just created: the only time its full value exists outside the caller's hands.
 *
 * @param value {@code shk_<key id>_<secret>}, for {@code Authorization: Basic <value>}
 */
public record NewApiKey(ApiKey key, String value) {
    @Override
    public String toString() {
        return "NewApiKey[" + key.keyId() + ", value=<redacted>]";
    }
}
