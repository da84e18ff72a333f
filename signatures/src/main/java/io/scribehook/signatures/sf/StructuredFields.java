package io.scribehook.signatures.sf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;

/**
 * Parsing and serialisation of RFC 8941 / RFC 9651 structured field values: strict, allocation-light
 * and dependency-free. Parsing never throws anything but {@link SfParseException}; serialising a
 * value that cannot be represented (a string with a control character, an out-of-range integer)
 * throws {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * Dictionary d = StructuredFields.parseDictionary("sig1=(\"@method\");created=1618884473");
 * String again = StructuredFields.serialize(d);
 * }</pre>
 */
public final class StructuredFields {
    private static final long MAX_INTEGER = 999_999_999_999_999L;

    private StructuredFields() {}

    /** Parses a Dictionary field value (several field lines joined with ", " first). */
    public static Dictionary parseDictionary(String fieldValue) throws SfParseException {
        return Parser.dictionary(fieldValue);
    }

    /** Parses a List field value. */
    public static SfList parseList(String fieldValue) throws SfParseException {
        return Parser.list(fieldValue);
    }

    /** Parses an Item field value. */
    public static Item parseItem(String fieldValue) throws SfParseException {
        return Parser.item(fieldValue);
    }

    public static String serialize(Dictionary dictionary) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < dictionary.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendKey(sb, dictionary.keyAt(i));
            ListMember m = dictionary.memberAt(i);
            if (m instanceof Item item && item.value() instanceof BareItem.Bool b && b.value()) {
                appendParameters(sb, item.params());
            } else {
                sb.append('=');
                appendMember(sb, m);
            }
        }
        return sb.toString();
    }

    public static String serialize(SfList list) {
        StringBuilder sb = new StringBuilder(64);
        Iterator<ListMember> it = list.members().iterator();
        while (it.hasNext()) {
            appendMember(sb, it.next());
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.toString();
    }

    /** Serialises a dictionary member value or list member: an item or an inner list. */
    public static String serialize(ListMember member) {
        StringBuilder sb = new StringBuilder(32);
        appendMember(sb, member);
        return sb.toString();
    }

    public static String serializeBareItem(BareItem item) {
        StringBuilder sb = new StringBuilder(16);
        appendBareItem(sb, item);
        return sb.toString();
    }

    public static String serializeParameters(Parameters params) {
        StringBuilder sb = new StringBuilder(16);
        appendParameters(sb, params);
        return sb.toString();
    }

    /** Appends a member (item or inner list) to {@code sb}. */
    public static void appendMember(StringBuilder sb, ListMember member) {
        if (member instanceof InnerList list) {
            sb.append('(');
            Iterator<Item> it = list.items().iterator();
            while (it.hasNext()) {
                appendItem(sb, it.next());
                if (it.hasNext()) {
                    sb.append(' ');
                }
            }
            sb.append(')');
            appendParameters(sb, list.params());
        } else {
            appendItem(sb, (Item) member);
        }
    }

    public static void appendItem(StringBuilder sb, Item item) {
        appendBareItem(sb, item.value());
        appendParameters(sb, item.params());
    }

    public static void appendParameters(StringBuilder sb, Parameters params) {
        if (params.isEmpty()) {
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            sb.append(';');
            appendKey(sb, params.keyAt(i));
            BareItem v = params.valueAt(i);
            if (!(v instanceof BareItem.Bool b && b.value())) {
                sb.append('=');
                appendBareItem(sb, v);
            }
        }
    }

    private static void appendKey(StringBuilder sb, String key) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("not a structured field key: " + printable(key));
        }
        sb.append(key);
    }

    /** True when {@code key} matches {@code ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )}. */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        char c = key.charAt(0);
        if (!(c >= 'a' && c <= 'z') && c != '*') {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            if (!Chars.isKeyChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static void appendBareItem(StringBuilder sb, BareItem item) {
        // an instanceof chain, most frequent first: this runs for every signature base
        if (item instanceof BareItem.Str s) {
            appendString(sb, s.value());
        } else if (item instanceof BareItem.Int i) {
            if (i.value() > MAX_INTEGER || i.value() < -MAX_INTEGER) {
                throw new IllegalArgumentException("integer out of range");
            }
            sb.append(i.value());
        } else if (item instanceof BareItem.Bytes b) {
            sb.append(':')
                    .append(Base64.getEncoder().encodeToString(b.unsafeValue()))
                    .append(':');
        } else if (item instanceof BareItem.Token t) {
            if (!isValidToken(t.value())) {
                throw new IllegalArgumentException("not a token: " + printable(t.value()));
            }
            sb.append(t.value());
        } else if (item instanceof BareItem.Bool b) {
            sb.append(b.value() ? "?1" : "?0");
        } else if (item instanceof BareItem.Dec d) {
            appendDecimal(sb, d.value());
        } else if (item instanceof BareItem.SfDate d) {
            if (d.epochSeconds() > MAX_INTEGER || d.epochSeconds() < -MAX_INTEGER) {
                throw new IllegalArgumentException("date out of range");
            }
            sb.append('@').append(d.epochSeconds());
        } else {
            appendDisplayString(sb, ((BareItem.DisplayStr) item).value());
        }
    }

    /** Appends {@code "value"} with {@code \"} and {@code \\} escaped. */
    public static void appendString(StringBuilder sb, String value) {
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("string contains a character outside 0x20-0x7E");
            }
            if (c == '"' || c == '\\') {
                plain = false;
            }
        }
        sb.append('"');
        if (plain) {
            sb.append(value);
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        sb.append('"');
    }

    public static boolean isValidToken(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        char c = token.charAt(0);
        if (!Chars.isAlpha(c) && c != '*') {
            return false;
        }
        for (int i = 1; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (!Chars.isTchar(ch) && ch != ':' && ch != '/') {
                return false;
            }
        }
        return true;
    }

    private static void appendDecimal(StringBuilder sb, BigDecimal value) {
        BigDecimal rounded = value.setScale(3, RoundingMode.HALF_EVEN);
        BigDecimal integerPart = rounded.setScale(0, RoundingMode.DOWN).abs();
        if (integerPart.precision() > 12 && integerPart.signum() != 0) {
            throw new IllegalArgumentException("decimal out of range");
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        if (rounded.signum() == 0) {
            plain = "0";
        }
        sb.append(plain);
        if (plain.indexOf('.') < 0) {
            sb.append(".0");
        }
    }

    private static void appendDisplayString(StringBuilder sb, String value) {
        sb.append("%\"");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v == '%' || v == '"' || v < 0x20 || v > 0x7e) {
                sb.append('%').append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
            } else {
                sb.append((char) v);
            }
        }
        sb.append('"');
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
