package io.scribehook.receiver.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures, while open, everything logged under {@code io.scribehook} at DEBUG and above (the
 * level is lowered for the duration and restored on close), from every thread. Each event gives
 * one line: level, logger, formatted message, MDC and the messages of any throwable chain. For
 * tests that assert something never reaches the logs.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final String ROOT = "io.scribehook";

    private final Logger logger;
    private final Level previous;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
        this.logger = (Logger) LoggerFactory.getLogger(ROOT);
        this.previous = logger.getLevel();
    }

    /** Starts capturing. Close it. */
    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.setContext(capture.logger.getLoggerContext());
        capture.setName("test-capture");
        capture.start();
        capture.logger.addAppender(capture);
        capture.logger.setLevel(Level.DEBUG);
        return capture;
    }

    /** The lines captured so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** All lines, joined by newlines. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder b = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                .append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            b.append(' ').append(event.getMDCPropertyMap());
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        lines.add(b.toString());
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previous);
        stop();
    }
}
