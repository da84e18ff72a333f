package io.scribehook.app.cli;

import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.app.logging.LogSetup;
import io.scribehook.app.server.ListenFailure;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scribehook serve}: runs the HTTP server and workers of the configured roles until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the server: /healthz, /readyz, /metrics and the routes of the roles in SCRIBEHOOK_ROLES.",
            "Listens on SCRIBEHOOK_HTTP_HOST:SCRIBEHOOK_HTTP_PORT (default 127.0.0.1:8080) and prints the address "
                    + "bound. Creates the data dir, the database and an admin token on first start. Every setting is "
                    + "checked first: an invalid one stops start-up (exit 2) before anything is created. Stops "
                    + "cleanly on SIGINT/SIGTERM."
        },
        footerHeading = "%nExample:%n",
        footer = "  SCRIBEHOOK_HTTP_HOST=0.0.0.0 SCRIBEHOOK_HTTP_PORT=9000 scribehook serve")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig cfg = config.load();
        LogSetup.apply(cfg.logFormat());
        ScribehookApp app;
        try {
            app = ScribehookApp.start(cfg, Clock.systemUTC(), System.out);
        } catch (ListenFailure e) {
            throw CliFailure.failed(e.getMessage());
        }
        String where = ScribehookApp.authority(app.host(), app.port());
        System.out.println("scribehook serving on http://" + where + " ("
                + (cfg.listensOnAllInterfaces() ? "all interfaces; " : "") + "data dir " + cfg.dataDir() + ")");
        System.out.flush();
        serveUntilStopped(app);
        return 0;
    }

    /** Blocks until SIGINT/SIGTERM, then closes {@code app} from the shutdown hook. */
    static void serveUntilStopped(ScribehookApp app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "scribehook-shutdown"));
        stopped.await();
    }
}
