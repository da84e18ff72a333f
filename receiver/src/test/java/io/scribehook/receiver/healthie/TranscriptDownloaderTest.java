package io.scribehook.receiver.healthie;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scribehook.receiver.healthie.TranscriptDownloader.DownloadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Downloads over real HTTP: the text, expiry, statuses, the size limit and a stalled body. */
class TranscriptDownloaderTest {
    private static final String VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nA: hello\n";
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private TranscriptDownloader downloader;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", ex -> answer(ex, 200, VTT.getBytes(StandardCharsets.UTF_8), false));
        server.createContext("/gone", ex -> answer(ex, 410, new byte[0], false));
        server.createContext("/forbidden", ex -> answer(ex, 403, new byte[0], false));
        server.createContext("/missing", ex -> answer(ex, 404, new byte[0], false));
        server.createContext("/busy", ex -> answer(ex, 503, new byte[0], false));
        server.createContext("/big", ex -> answer(ex, 200, new byte[4096], false));
        server.createContext("/big-chunked", ex -> answer(ex, 200, new byte[4096], true));
        server.createContext("/stall", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write("WEBVTT\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the client gave up
            }
        });
        server.start();
        downloader = new TranscriptDownloader(Duration.ofMillis(1500), 1024);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body, boolean chunked)
            throws IOException {
        try (ex) {
            ex.sendResponseHeaders(status, chunked ? 0 : body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        downloader.close();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void downloadsTheTextIntoMemory() {
        assertThat(downloader.download(url("/ok"))).isEqualTo(new DownloadResult.Downloaded(VTT));
    }

    @Test
    void forbiddenAndGoneMeanTheUrlExpired() {
        assertThat(downloader.download(url("/gone"))).isEqualTo(new DownloadResult.Expired(410));
        assertThat(downloader.download(url("/forbidden"))).isEqualTo(new DownloadResult.Expired(403));
    }

    @Test
    void serverErrorsAreRetryableAndOtherRefusalsAreNot() {
        assertThat(downloader.download(url("/busy")))
                .isEqualTo(new DownloadResult.Failed(true, "transcript download HTTP 503"));
        assertThat(downloader.download(url("/missing")))
                .isEqualTo(new DownloadResult.Failed(false, "transcript download HTTP 404"));
    }

    @Test
    void filesOverTheLimitAreRefusedWithOrWithoutALength() {
        assertThat(downloader.download(url("/big")))
                .isEqualTo(new DownloadResult.Failed(false, "transcript larger than 1024 bytes"));
        assertThat(downloader.download(url("/big-chunked")))
                .isEqualTo(new DownloadResult.Failed(false, "transcript larger than 1024 bytes"));
    }

    @Test
    void aBodyThatStallsTimesOut() {
        DownloadResult r = downloader.download(url("/stall"));
        assertThat(r).isInstanceOf(DownloadResult.Failed.class);
        assertThat(((DownloadResult.Failed) r).retryable()).isTrue();
        assertThat(((DownloadResult.Failed) r).reason()).contains("timed out");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedWithoutShowingIt() {
        DownloadResult r = downloader.download("file:///etc/secret-token-123");
        assertThat(r).isEqualTo(new DownloadResult.Failed(false, "transcript URL is not http(s)"));
    }
}
