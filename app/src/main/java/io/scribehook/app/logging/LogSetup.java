package io.scribehook.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.scribehook.app.config.LogFormat;
import java.net.URL;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Switches Logback between the human-readable default and JSON lines, and routes JUL into SLF4J. */
public final class LogSetup {
    private LogSetup() {}

    /**
     * For commands other than {@code serve}: only warnings and errors reach stderr, so a command's
     * own output is not buried under start-up information of the parts it opens.
     */
    public static void quiet() {
        routeJul();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    public static void apply(LogFormat format) {
        routeJul();
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        URL json = LogSetup.class.getResource("/logback-json.xml");
        ctx.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        try {
            configurator.doConfigure(json);
        } catch (JoranException e) {
            throw new IllegalStateException("logback-json.xml is broken", e);
        }
    }

    /** java.util.logging (Lucene logs there) goes through SLF4J, so its lines obey our levels and format. */
    private static void routeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
