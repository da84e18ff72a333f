package io.scribehook.app.cli;

import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.app.logging.LogSetup;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scribehook serve}: runs the HTTP server and workers of the configured roles until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the server: /healthz, /readyz, /metrics and the routes of the roles in SCRIBEHOOK_ROLES.",
                "Stops cleanly on SIGINT/SIGTERM."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig cfg = config.load();
        LogSetup.apply(cfg.logFormat());
        ScribehookApp app = ScribehookApp.start(cfg, Clock.systemUTC(), System.out);
        System.out.println("scribehook serving on http://127.0.0.1:" + app.port() + " (data dir " + cfg.dataDir() + ")");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "scribehook-shutdown"));
        stopped.await();
        return 0;
    }
}
