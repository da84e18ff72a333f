package io.scribehook.hub.graphql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/** Times as the API writes them (Rails style, UTC) and reads them (that, ISO-8601 with offset, or a bare date). */
public final class HubDates {
    private static final DateTimeFormatter RAILS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter(Locale.ROOT);

    private HubDates() {}

    /** {@code 2026-03-01 10:00:00 +0000}; null for null. */
    public static String format(Instant t) {
        return t == null ? null : RAILS.format(t.atOffset(ZoneOffset.UTC));
    }

    /** An instant with an offset, or a bare date (midnight UTC); empty when unreadable. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.ISO_OFFSET_DATE_TIME, SPACED}) {
            try {
                return Optional.of(OffsetDateTime.parse(s, f).toInstant());
            } catch (DateTimeException e) {
                // next form
            }
        }
        return parseDate(s).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A bare {@code yyyy-MM-dd}, else empty. */
    public static Optional<LocalDate> parseDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
