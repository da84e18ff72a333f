package io.scribehook.hub;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.hub.graphql.RateLimit;
import io.scribehook.hub.transcripts.TranscriptLinks;
import java.time.Duration;
import java.util.Optional;

/**
 * The hub's settings.
 *
 * @param rateLimit per-key allowance of {@code /graphql}
 * @param transcriptUrlTtl lifetime of a transcript's {@code expiring_url}
 * @param zoomSecretToken the Zoom app's secret token; empty: {@code /zoom/webhooks} answers 503
 * @param zoomWorkers concurrent Zoom event jobs
 */
public record HubSettings(
        RateLimit rateLimit, Duration transcriptUrlTtl, Optional<String> zoomSecretToken, int zoomWorkers) {

    public static HubSettings defaults() {
        return new HubSettings(RateLimit.DEFAULT, TranscriptLinks.DEFAULT_TTL, Optional.empty(), 4);
    }

    /**
     * Reads {@code SCRIBEHOOK_HUB_RATE_LIMIT}, {@code SCRIBEHOOK_HUB_TRANSCRIPT_URL_TTL} and {@code
     * SCRIBEHOOK_ZOOM_SECRET_TOKEN}.
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public static HubSettings from(ConfigSource c) {
        String limitText = c.string(ConfigKey.HUB_RATE_LIMIT, "250/1m");
        RateLimit limit;
        try {
            limit = RateLimit.parse(limitText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKey.HUB_RATE_LIMIT.key(), limitText, e.getMessage());
        }
        Duration ttl = c.duration(ConfigKey.HUB_TRANSCRIPT_URL_TTL, TranscriptLinks.DEFAULT_TTL);
        if (ttl.isZero()) {
            throw new ConfigException(
                    ConfigKey.HUB_TRANSCRIPT_URL_TTL.key(), "0", "expected a positive duration such as 5m");
        }
        return defaults()
                .withRateLimit(limit)
                .withTranscriptUrlTtl(ttl)
                .withZoomSecretToken(c.raw(ConfigKey.ZOOM_SECRET_TOKEN).orElse(null));
    }

    public HubSettings withRateLimit(RateLimit limit) {
        return new HubSettings(limit, transcriptUrlTtl, zoomSecretToken, zoomWorkers);
    }

    public HubSettings withTranscriptUrlTtl(Duration ttl) {
        return new HubSettings(rateLimit, ttl, zoomSecretToken, zoomWorkers);
    }

    public HubSettings withZoomSecretToken(String token) {
        return new HubSettings(
                rateLimit, transcriptUrlTtl, Optional.ofNullable(token).filter(t -> !t.isBlank()), zoomWorkers);
    }

    @Override
    public String toString() {
        return "HubSettings[rateLimit=" + rateLimit + ", transcriptUrlTtl=" + transcriptUrlTtl + ", zoomSecretToken="
                + (zoomSecretToken.isPresent() ? "<set>" : "<none>") + ", zoomWorkers=" + zoomWorkers + "]";
    }
}
