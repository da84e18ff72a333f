package io.scribehook.store.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects what is logged while open, to assert on it (levels, messages, the full text of attached
 * throwables): every logger through the root, and Scribehook's own down to DEBUG, so that a test
 * also sees what would only show with debug logging on.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.scribehook");
    private final Level previous = ours.getLevel();

    private LogCapture() {}

    /** Starts capturing. Close it. */
    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.setContext(capture.root.getLoggerContext());
        capture.setName("test-capture");
        capture.start();
        capture.root.addAppender(capture);
        capture.ours.setLevel(Level.DEBUG);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    public List<ILoggingEvent> atLeast(Level level) {
        return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    /** Whether an event at {@code level} or above was captured. */
    public boolean any(Level level) {
        return !atLeast(level).isEmpty();
    }

    /** One line per event: {@code LEVEL logger - message}, then {@code | Class: message} per throwable in the chain. */
    public List<String> lines() {
        return events.stream().map(LogCapture::line).toList();
    }

    /** Everything captured: each event's line, MDC, and every throwable with its causes and stack. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (ILoggingEvent e : events) {
            b.append(e.getLevel())
                    .append(' ')
                    .append(e.getLoggerName())
                    .append(" - ")
                    .append(e.getFormattedMessage());
            if (!e.getMDCPropertyMap().isEmpty()) {
                b.append(' ').append(e.getMDCPropertyMap());
            }
            b.append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append("  ")
                        .append(t.getClassName())
                        .append(": ")
                        .append(t.getMessage())
                        .append('\n');
                for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                    b.append("    ").append(s.getSTEAsString()).append('\n');
                }
            }
        }
        return b.toString();
    }

    public void clear() {
        events.clear();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        ours.setLevel(previous);
        stop();
    }

    private static String line(ILoggingEvent e) {
        StringBuilder b = new StringBuilder()
                .append(e.getLevel())
                .append(' ')
                .append(e.getLoggerName())
                .append(" - ")
                .append(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }
}
