package io.scribehook.receiver.healthie;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a transcript's WebVTT file from its {@code expiring_url} into memory (never to disk),
 * with a size limit and an overall timeout. The URL is a bearer credential while it lives: it is
 * never logged nor put in a reason. An answer of 403 or 410 means it expired ({@link
 * DownloadResult.Expired}): the caller fetches a fresh one. Thread-safe; {@link #close()} it.
 */
public final class TranscriptDownloader implements AutoCloseable {
    /** The default largest transcript accepted: a ten-hour meeting is about 10 MiB of WebVTT. */
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptDownloader.class);
    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    /**
     * @param timeout the whole download's limit (connect, headers and body)
     * @param maxBytes larger files are refused, without reading the rest
     */
    public TranscriptDownloader(Duration timeout, long maxBytes) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What one download came to. */
    public sealed interface DownloadResult {
        /** The file's text (UTF-8, a byte-order mark kept for the parser to drop). */
        record Downloaded(String text) implements DownloadResult {
            @Override
            public String toString() {
                return "Downloaded[" + text.length() + " chars]";
            }
        }

        /** 403 or 410: the URL's time is over; fetch a fresh one. */
        record Expired(int status) implements DownloadResult {}

        /** Any other failure; {@code retryable} for network trouble, timeouts and 5xx. */
        record Failed(boolean retryable, String reason) implements DownloadResult {}
    }

    /** Downloads {@code expiringUrl}. */
    public DownloadResult download(String expiringUrl) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(expiringUrl, "expiringUrl"));
        } catch (IllegalArgumentException e) {
            return new DownloadResult.Failed(false, "transcript URL is not a URI");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            return new DownloadResult.Failed(false, "transcript URL is not http(s)");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "text/vtt, text/plain, */*")
                .GET()
                .build();
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new DownloadResult.Failed(true, "interrupted");
        } catch (TimeoutException e) {
            future.cancel(true);
            return new DownloadResult.Failed(true, "transcript download timed out after " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String kind = cause instanceof HttpTimeoutException
                    ? "timeout after " + timeout
                    : "network error ("
                            + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")";
            LOG.info("transcript download failed: {}", kind);
            return new DownloadResult.Failed(true, "transcript download " + kind);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 403 || status == 410) {
                return new DownloadResult.Expired(status);
            }
            if (status >= 500 || status == 429 || status == 408) {
                return new DownloadResult.Failed(true, "transcript download HTTP " + status);
            }
            if (status < 200 || status >= 300) {
                return new DownloadResult.Failed(false, "transcript download HTTP " + status);
            }
            long declared =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                return tooLarge();
            }
            long left = Math.max(0, deadline - System.nanoTime());
            CompletableFuture<Void> guard = CompletableFuture.runAsync(
                    () -> closeQuietly(body), CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS));
            try {
                return read(body, deadline);
            } finally {
                guard.cancel(false);
            }
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                return new DownloadResult.Failed(true, "transcript download timed out after " + timeout);
            }
            return new DownloadResult.Failed(
                    true, "transcript download broke off (" + e.getClass().getSimpleName() + ")");
        }
    }

    private DownloadResult read(InputStream body, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        for (int n; (n = body.read(buffer)) != -1; ) {
            if (out.size() + (long) n > maxBytes) {
                return tooLarge();
            }
            out.write(buffer, 0, n);
            if (System.nanoTime() - deadline > 0) {
                return new DownloadResult.Failed(true, "transcript download timed out after " + timeout);
            }
        }
        return new DownloadResult.Downloaded(out.toString(StandardCharsets.UTF_8));
    }

    /** Unblocks a read stalled past the deadline: the read then fails and the loop reports the timeout. */
    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the read in progress fails, which is the point
        }
    }

    private DownloadResult tooLarge() {
        return new DownloadResult.Failed(false, "transcript larger than " + maxBytes + " bytes");
    }

    @Override
    public void close() {
        http.close();
    }
}
