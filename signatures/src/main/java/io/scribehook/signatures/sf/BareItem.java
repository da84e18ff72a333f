package io.scribehook.signatures.sf;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A bare item of an RFC 8941 / RFC 9651 structured field: integer, decimal, string, token, byte
 * sequence, boolean, date or display string. Values are validated when serialised, not when built,
 * so that a parser can hand out exactly what it read.
 */
public sealed interface BareItem
        permits BareItem.Int,
                BareItem.Dec,
                BareItem.Str,
                BareItem.Token,
                BareItem.Bytes,
                BareItem.Bool,
                BareItem.SfDate,
                BareItem.DisplayStr {

    /** An Integer: -999,999,999,999,999 to 999,999,999,999,999. */
    record Int(long value) implements BareItem {}

    /** A Decimal: at most 12 integer digits and 3 fractional digits. */
    record Dec(BigDecimal value) implements BareItem {
        /** The value is kept without trailing zeros, so that {@code 1.50} equals {@code 1.5}. */
        public Dec {
            value = Objects.requireNonNull(value, "value").stripTrailingZeros();
        }
    }

    /** A String: printable ASCII (0x20-0x7E) only. */
    record Str(String value) implements BareItem {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A Token: starts with ALPHA or '*', then tchar, ':' or '/'. */
    record Token(String value) implements BareItem {
        public Token {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A Byte Sequence. The array is copied in and out. */
    record Bytes(byte[] value) implements BareItem {
        public Bytes {
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The bytes without a defensive copy, for callers that promise not to change them. */
        public byte[] unsafeValue() {
            return value;
        }

        public int length() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[:" + Base64.getEncoder().encodeToString(value) + ":]";
        }
    }

    /** A Boolean: {@code ?1} or {@code ?0}. */
    record Bool(boolean value) implements BareItem {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);
    }

    /** A Date (RFC 9651): seconds since the epoch, serialised {@code @1659578233}. */
    record SfDate(long epochSeconds) implements BareItem {}

    /** A Display String (RFC 9651): Unicode text, serialised {@code %"f%c3%bc%c3%bc"}. */
    record DisplayStr(String value) implements BareItem {
        public DisplayStr {
            Objects.requireNonNull(value, "value");
        }
    }
}
