package io.scribehook.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.time.ManualClock;
import io.scribehook.hub.keys.ApiKey;
import io.scribehook.hub.keys.ApiKeys;
import io.scribehook.hub.keys.NewApiKey;
import io.scribehook.store.Database;
import io.scribehook.store.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void aKeyAuthenticatesAndOnlyAHashOfItsSecretIsStored() {
        try (Database db = TestDatabases.sqlite()) {
            ApiKeys keys = new ApiKeys(db, new ManualClock(Instant.parse("2026-03-01T00:00:00Z")));
            NewApiKey created = keys.create("ci");
            assertThat(created.value()).matches("shk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
            assertThat(created.toString()).doesNotContain(created.value());
            String secret = created.value().substring(17);

            assertThat(keys.authenticate(created.value())).contains(created.key());
            assertThat(keys.authenticate("  " + created.value() + " ")).contains(created.key());

            List<String> stored =
                    db.withHandle(h -> h.createQuery("SELECT key_id || name || secret_sha256 FROM hub_api_keys")
                            .mapTo(String.class)
                            .list());
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0))
                    .doesNotContain(secret)
                    .contains(created.key().keyId());
        }
    }

    @Test
    void wrongSecretsUnknownIdsMalformedAndRevokedKeysAreRefused() {
        try (Database db = TestDatabases.sqlite()) {
            ApiKeys keys = new ApiKeys(db, new ManualClock(Instant.parse("2026-03-01T00:00:00Z")));
            NewApiKey a = keys.create(null);
            NewApiKey b = keys.create("b");
            String wrongSecret = a.value().substring(0, 17) + b.value().substring(17);
            String unknownId = "shk_000000000000_" + a.value().substring(17);
            for (String bad : List.of(
                    wrongSecret,
                    unknownId,
                    "",
                    "Basic x",
                    a.value() + "x",
                    a.value().toUpperCase())) {
                assertThat(keys.authenticate(bad)).as(bad).isEmpty();
            }
            assertThat(keys.authenticate(null)).isEmpty();

            assertThat(keys.revoke(a.key().keyId())).isTrue();
            assertThat(keys.revoke(a.key().keyId())).as("already revoked").isFalse();
            assertThat(keys.authenticate(a.value())).isEmpty();
            assertThat(keys.authenticate(b.value())).isPresent();
            assertThat(keys.list()).extracting(ApiKey::active).containsExactlyInAnyOrder(false, true);
        }
    }
}
