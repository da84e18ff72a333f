package io.scribehook.receiver.config;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.receiver.guard.ClientAddressResolver;
import io.scribehook.receiver.guard.IpAllowList;
import io.scribehook.receiver.guard.SourceAddressGuard;
import io.scribehook.receiver.healthie.HealthieApiSettings;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's validated settings.
 *
 * @param sourceGuard the allow-list (possibly off) and the trusted proxies
 * @param healthieApi empty when no GraphQL endpoint is known (fetching then fails as transient)
 * @param dataKeys the keys protecting transcripts and notes at rest; empty when
 *     {@code SCRIBEHOOK_DATA_KEY} is unset (then no transcript is fetched or stored)
 * @param transcriptWait how long a transcript job keeps looking for a completed transcript
 * @param reconcileInterval how often the periodic reconcile runs; empty when it is off
 * @param reconcileWindow how far back the periodic reconcile looks
 */
public record ReceiverConfig(
        String webhookPath,
        String publicPath,
        long maxBodyBytes,
        List<WebhookSecret> envSecrets,
        List<Profile> profiles,
        SourceAddressGuard sourceGuard,
        Duration dedupeWindow,
        Duration logRetention,
        int workers,
        Optional<HealthieApiSettings> healthieApi,
        Optional<DataKeys> dataKeys,
        Duration transcriptWait,
        Optional<Duration> reconcileInterval,
        Duration reconcileWindow) {

    /**
     * Reads the receiver's keys.
     *
     * @param localGraphql the local hub's GraphQL URL when the hub role is on, else empty
     */
    public static ReceiverConfig from(ConfigSource c, Optional<URI> localGraphql) {
        String path = c.string(ConfigKey.WEBHOOK_PATH, "/healthie-webhooks");
        requirePath(ConfigKey.WEBHOOK_PATH, path);
        String publicPath = c.string(ConfigKey.WEBHOOK_PUBLIC_PATH, path);
        requirePath(ConfigKey.WEBHOOK_PUBLIC_PATH, publicPath);
        long max = c.bytes(ConfigKey.WEBHOOK_MAX_BYTES, 1024 * 1024);
        List<WebhookSecret> secrets = new ArrayList<>();
        List<String> rawSecrets = c.list(ConfigKey.WEBHOOK_SECRETS, List.of());
        for (int i = 0; i < rawSecrets.size(); i++) {
            secrets.add(new WebhookSecret("env-" + (i + 1), rawSecrets.get(i)));
        }
        List<Profile> profiles = new ArrayList<>();
        for (String id : c.list(ConfigKey.SIGNATURE_PROFILES, List.of("guide", "healthie-api", "healthie-rfc9421"))) {
            profiles.add(
                    Profile.byId(id)
                            .orElseThrow(
                                    () -> new ConfigException(
                                            ConfigKey.SIGNATURE_PROFILES.key(),
                                            id,
                                            "expected a comma-separated subset of guide, healthie-api, healthie-rfc9421, standard-webhooks")));
        }
        if (profiles.isEmpty()) {
            throw new ConfigException(ConfigKey.SIGNATURE_PROFILES.key(), "", "at least one profile is needed");
        }
        String allowText = c.string(ConfigKey.IP_ALLOWLIST, "off");
        String proxyText = c.string(ConfigKey.TRUSTED_PROXIES, "");
        IpAllowList allow = parse(ConfigKey.IP_ALLOWLIST, allowText, () -> IpAllowList.parse(allowText));
        ClientAddressResolver proxies =
                parse(ConfigKey.TRUSTED_PROXIES, proxyText, () -> ClientAddressResolver.parse(proxyText));
        Duration dedupe = c.duration(ConfigKey.DEDUPE_WINDOW, Duration.ofHours(24));
        Duration retention = c.duration(ConfigKey.WEBHOOK_LOG_RETENTION, Duration.ofDays(30));
        int workers = c.integer(ConfigKey.RECEIVER_WORKERS, 8, 1, 256);
        Optional<URI> api =
                c.raw(ConfigKey.HEALTHIE_API_URL).map(u -> parse(ConfigKey.HEALTHIE_API_URL, u, () -> httpUri(u)));
        Optional<HealthieApiSettings> healthie = api.or(() -> localGraphql)
                .map(u -> HealthieApiSettings.of(u, c.string(ConfigKey.HEALTHIE_API_KEY, ""))
                        .withApiVersion(
                                c.string(ConfigKey.HEALTHIE_API_VERSION, HealthieApiSettings.DEFAULT_API_VERSION)));
        Optional<DataKeys> dataKeys = c.raw(ConfigKey.DATA_KEY).map(text -> {
            try {
                return DataKeys.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(ConfigKey.DATA_KEY.key(), "(not shown)", e.getMessage());
            }
        });
        Duration transcriptWait = c.duration(ConfigKey.TRANSCRIPT_WAIT, Duration.ofHours(24));
        if (transcriptWait.isZero()) {
            throw new ConfigException(ConfigKey.TRANSCRIPT_WAIT.key(), "0", "expected a positive duration such as 24h");
        }
        Optional<Duration> reconcileInterval = "off"
                        .equalsIgnoreCase(
                                c.string(ConfigKey.RECONCILE_INTERVAL, "6h").trim())
                ? Optional.empty()
                : Optional.of(positive(c, ConfigKey.RECONCILE_INTERVAL, Duration.ofHours(6)));
        Duration reconcileWindow = positive(c, ConfigKey.RECONCILE_WINDOW, Duration.ofDays(3));
        return new ReceiverConfig(
                path,
                publicPath,
                max,
                List.copyOf(secrets),
                List.copyOf(profiles),
                new SourceAddressGuard(allow, proxies),
                dedupe,
                retention,
                workers,
                healthie,
                dataKeys,
                transcriptWait,
                reconcileInterval,
                reconcileWindow);
    }

    private static Duration positive(ConfigSource c, ConfigKey key, Duration fallback) {
        Duration d = c.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(key.key(), c.raw(key).orElse(""), "expected a positive duration such as 6h");
        }
        return d;
    }

    private static void requirePath(ConfigKey key, String path) {
        if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.contains(" ")) {
            throw new ConfigException(
                    key.key(), path, "expected an absolute path such as /healthie-webhooks, without query");
        }
    }

    private static URI httpUri(String u) {
        URI uri = URI.create(u);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
    }

    private static <T> T parse(ConfigKey key, String value, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.key(), value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ReceiverConfig[path=" + webhookPath + ", publicPath=" + publicPath + ", secrets=" + envSecrets.size()
                + ", profiles=" + profiles + ", ipAllowList="
                + sourceGuard.allowList().describe() + "]";
    }
}
