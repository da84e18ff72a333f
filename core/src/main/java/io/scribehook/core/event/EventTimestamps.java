package io.scribehook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code event_ts}: unix seconds (JSON number or numeric string, fractions allowed),
 * or an ISO-8601 date-time with an offset ({@code 2025-01-15T10:00:00Z}). A number of 10^12 or more
 * is taken as unix milliseconds (Zoom's own {@code event_ts} is in milliseconds, and no sane seconds
 * value is that large).
 */
final class EventTimestamps {
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,17}(\\.\\d{1,9})?");
    private static final BigDecimal MILLIS_FROM = new BigDecimal("1e12");
    private static final BigDecimal TOO_LARGE = new BigDecimal("1e17");
    private static final long ENCODE_AS_SECONDS_BELOW = 100_000_000_000L;
    private static final String FORM = "unix seconds or an ISO-8601 date-time with an offset";

    private EventTimestamps() {}

    /** @throws InvalidFieldException naming the field (never the value) when the node is not a timestamp */
    static Instant read(String field, JsonNode node) {
        try {
            if (node.isNumber()) {
                return fromSeconds(field, node.decimalValue());
            }
            if (node.isTextual()) {
                String s = node.textValue().trim();
                if (NUMBER.matcher(s).matches()) {
                    return fromSeconds(field, new BigDecimal(s));
                }
                if (s.length() <= 64 && !s.isEmpty()) {
                    return DateTimeFormatter.ISO_OFFSET_DATE_TIME
                            .parse(s, OffsetDateTime::from)
                            .toInstant();
                }
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw InvalidFieldException.mustBe(field, FORM);
        }
        throw InvalidFieldException.mustBe(field, FORM);
    }

    private static Instant fromSeconds(String field, BigDecimal value) {
        BigDecimal abs = value.abs();
        if (abs.compareTo(TOO_LARGE) >= 0) {
            throw InvalidFieldException.mustBe(field, FORM);
        }
        BigDecimal seconds = abs.compareTo(MILLIS_FROM) >= 0 ? value.movePointLeft(3) : value;
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole)
                .movePointRight(9)
                .setScale(0, RoundingMode.DOWN)
                .intValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** Unix seconds (a whole number when there is no fraction); ISO-8601 text for instants far from now. */
    static JsonNode write(Instant t) {
        long s = t.getEpochSecond();
        if (Math.abs(s) >= ENCODE_AS_SECONDS_BELOW) {
            return TextNode.valueOf(t.toString());
        }
        if (t.getNano() == 0) {
            return LongNode.valueOf(s);
        }
        return DecimalNode.valueOf(
                BigDecimal.valueOf(s).add(BigDecimal.valueOf(t.getNano(), 9)).stripTrailingZeros());
    }
}
