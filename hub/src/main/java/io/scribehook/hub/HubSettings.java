package io.scribehook.hub;

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
