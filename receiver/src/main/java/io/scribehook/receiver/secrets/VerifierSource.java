package io.scribehook.receiver.secrets;

import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.Reason;
import io.scribehook.signatures.VerificationResult;
import io.scribehook.signatures.WebhookSecret;
import io.scribehook.signatures.WebhookVerifier;
import io.scribehook.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link WebhookVerifier}: configured secrets plus those in the database. Rebuilt at
 * once when this instance adds a secret, and re-read from the database at most every
 * {@code refreshEvery} (in the background) so that secrets added through another instance are
 * picked up without a restart.
 */
public final class VerifierSource {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierSource.class);
    private final Database db;
    private final List<Profile> profiles;
    private final List<WebhookSecret> configured;
    private final String publicPath;
    private final Clock clock;
    private final Duration refreshEvery;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile WebhookVerifier verifier;
    private volatile int secretCount;
    private volatile Instant loadedAt;

    public VerifierSource(
            Database db,
            List<Profile> profiles,
            List<WebhookSecret> configured,
            String publicPath,
            Clock clock,
            Duration refreshEvery) {
        this.db = db;
        this.profiles = profiles;
        this.configured = configured;
        this.publicPath = publicPath;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
        reload();
    }

    /**
     * Verifies with the current secrets; schedules a background re-read when they are old. With no
     * secret at all every request fails as {@code unknown_key}.
     */
    public VerificationResult verify(HttpMessage message) {
        WebhookVerifier v = current();
        return v == null
                ? new VerificationResult.Failed(Reason.UNKNOWN_KEY, "no webhook secret is configured on this receiver")
                : v.verify(message);
    }

    private WebhookVerifier current() {
        if (Duration.between(loadedAt, clock.instant()).compareTo(refreshEvery) > 0
                && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("secret-refresh").start(() -> {
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.warn(
                            "could not re-read webhook secrets: {}",
                            e.getClass().getSimpleName());
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return verifier;
    }

    /** How many secrets the verifier holds. */
    public int secretCount() {
        return secretCount;
    }

    /** Re-reads the database's secrets and rebuilds the verifier. */
    public synchronized void reload() {
        List<WebhookSecret> all = new ArrayList<>(configured);
        all.addAll(db.jdbi().withHandle(SecretStore::all));
        verifier = all.isEmpty()
                ? null
                : WebhookVerifier.builder()
                        .profiles(profiles)
                        .secrets(all)
                        .publicPath(publicPath)
                        .clock(clock)
                        .build();
        secretCount = all.size();
        loadedAt = clock.instant();
    }
}
