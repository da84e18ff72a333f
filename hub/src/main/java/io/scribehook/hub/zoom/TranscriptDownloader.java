package io.scribehook.hub.zoom;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Downloads a Zoom transcript file: {@code GET download_url} with {@code Authorization: Bearer
 * <download_token>}, redirects followed (never from https to http), at most {@link #MAX_BYTES}.
 * Reasons name statuses and kinds of failure only, never the URL's query or the token.
 */
final class TranscriptDownloader {
    static final int MAX_BYTES = 10 * 1024 * 1024;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    TranscriptFetch fetch(String downloadUrl, String downloadToken) {
        URI uri;
        try {
            uri = URI.create(downloadUrl);
        } catch (IllegalArgumentException e) {
            return new TranscriptFetch.Permanent("download_url is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            return new TranscriptFetch.Permanent("download_url is not an http(s) URL");
        }
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (downloadToken != null && !downloadToken.isBlank()) {
            b.header("Authorization", "Bearer " + downloadToken);
        }
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                int status = r.statusCode();
                if (status == 429 || status >= 500) {
                    return new TranscriptFetch.Transient("HTTP " + status);
                }
                if (status != 200) {
                    return new TranscriptFetch.Permanent("HTTP " + status);
                }
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    return new TranscriptFetch.Permanent("larger than " + MAX_BYTES + " bytes");
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                String head = text.startsWith("\uFEFF") ? text.substring(1) : text;
                if (!head.startsWith("WEBVTT")) {
                    return new TranscriptFetch.Permanent("not a WebVTT file");
                }
                return new TranscriptFetch.Fetched(text);
            }
        } catch (IOException e) {
            return new TranscriptFetch.Transient(
                    "download failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TranscriptFetch.Transient("interrupted");
        }
    }
}
