package io.scribehook.receiver.healthie;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Reads the timestamps Healthie answers with: ISO-8601 with an offset ({@code 2026-03-01T10:00:00Z},
 * {@code 2026-03-01T10:00:00.123-05:00}) or Rails' {@code yyyy-MM-dd HH:mm:ss Z}
 * ({@code 2026-03-01 10:00:00 -0500}, also {@code +05:00} and {@code UTC}). A bare date is midnight
 * UTC. Anything else, including a local time without offset, is unreadable: {@code null}.
 */
final class HealthieTimes {

    private static final List<DateTimeFormatter> FORMATS =
            List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, spaced("[XXX][XX][X]"), spaced("z"));

    private HealthieTimes() {}

    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        for (DateTimeFormatter f : FORMATS) {
            try {
                return f.parse(
                        s,
                        t -> t.isSupported(ChronoField.OFFSET_SECONDS)
                                ? OffsetDateTime.from(t).toInstant()
                                : ZonedDateTime.from(t).toInstant());
            } catch (DateTimeException e) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static DateTimeFormatter spaced(String zonePattern) {
        return new DateTimeFormatterBuilder()
                .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
                .optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                .optionalEnd()
                .optionalStart()
                .appendLiteral(' ')
                .optionalEnd()
                .appendPattern(zonePattern)
                .toFormatter(Locale.ROOT);
    }
}
