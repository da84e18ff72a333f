package io.scribehook.signatures.sf;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The RFC 8941 section 4.2 / RFC 9651 parsing algorithms, one instance per field value. */
final class Parser {
    private final String in;
    private final int len;
    private int pos;
    /** Cleared when the text read since the last reset would serialise differently. */
    private boolean canonical = true;

    /**
     * No up-front ASCII check is needed: every character is consumed by a rule that accepts only
     * ASCII (keys, tokens, strings, base64, digits, SP/HTAB), so any other character fails there.
     */
    private Parser(String in) {
        this.in = in;
        this.len = in.length();
    }

    static Dictionary dictionary(String s) throws SfParseException {
        Parser p = new Parser(s);
        p.skipSp();
        Dictionary d = p.parseDictionary();
        p.end();
        return d;
    }

    static SfList list(String s) throws SfParseException {
        Parser p = new Parser(s);
        p.skipSp();
        SfList l = p.parseList();
        p.end();
        return l;
    }

    static Item item(String s) throws SfParseException {
        Parser p = new Parser(s);
        p.skipSp();
        Item i = p.parseItem();
        p.end();
        return i;
    }

    private void end() throws SfParseException {
        skipSp();
        if (pos < len) {
            throw fail("unexpected character");
        }
    }

    private SfParseException fail(String what) {
        return new SfParseException(what, pos);
    }

    private void skipSp() {
        int p = pos;
        while (p < len && in.charAt(p) == ' ') {
            p++;
        }
        pos = p;
    }

    private void skipOws() {
        int p = pos;
        while (p < len && (in.charAt(p) == ' ' || in.charAt(p) == '\t')) {
            p++;
        }
        pos = p;
    }

    private Dictionary parseDictionary() throws SfParseException {
        String[] keys = new String[2];
        ListMember[] members = new ListMember[2];
        int[] spans = new int[4];
        int size = 0;
        while (pos < len) {
            String key = parseKey();
            ListMember member;
            int textStart = -1;
            int textEnd = -1;
            if (pos < len && in.charAt(pos) == '=') {
                pos++;
                int start = pos;
                canonical = true;
                member = parseItemOrInnerList();
                if (member instanceof InnerList && canonical) {
                    textStart = start;
                    textEnd = pos;
                }
            } else {
                member = new Item(BareItem.Bool.TRUE, parseParameters());
            }
            int existing = indexOf(keys, size, key);
            if (existing >= 0) {
                members[existing] = member; // a repeated key overwrites the value, keeping its place
                spans[2 * existing] = -1;
            } else {
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    members = Arrays.copyOf(members, size * 2);
                    spans = Arrays.copyOf(spans, size * 4);
                }
                keys[size] = key;
                members[size] = member;
                spans[2 * size] = textStart;
                spans[2 * size + 1] = textEnd;
                size++;
            }
            if (!nextMember()) {
                break;
            }
        }
        return Dictionary.wrap(keys, members, in, spans, size);
    }

    private SfList parseList() throws SfParseException {
        List<ListMember> members = new ArrayList<>();
        while (pos < len) {
            members.add(parseItemOrInnerList());
            if (!nextMember()) {
                break;
            }
        }
        return new SfList(members);
    }

    /** After a member: OWS, then end of input (false) or a comma and another member (true). */
    private boolean nextMember() throws SfParseException {
        skipOws();
        if (pos >= len) {
            return false;
        }
        if (in.charAt(pos) != ',') {
            throw fail("expected ','");
        }
        pos++;
        skipOws();
        if (pos >= len) {
            throw fail("trailing comma");
        }
        return true;
    }

    private ListMember parseItemOrInnerList() throws SfParseException {
        if (pos < len && in.charAt(pos) == '(') {
            return parseInnerList();
        }
        return parseItem();
    }

    private InnerList parseInnerList() throws SfParseException {
        pos++; // '('
        Item[] items = new Item[8];
        int count = 0;
        while (pos < len) {
            int before = pos;
            skipSp();
            if (pos - before != (count == 0 || (pos < len && in.charAt(pos) == ')') ? 0 : 1)) {
                canonical = false; // extra spaces
            }
            if (pos < len && in.charAt(pos) == ')') {
                pos++;
                return new InnerList(List.of(Arrays.copyOf(items, count)), parseParameters());
            }
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = parseItem();
            if (pos < len && in.charAt(pos) != ' ' && in.charAt(pos) != ')') {
                throw fail("expected ' ' or ')' in inner list");
            }
        }
        throw fail("unterminated inner list");
    }

    private Item parseItem() throws SfParseException {
        BareItem value = parseBareItem();
        if (value instanceof BareItem.Str s && (pos >= len || in.charAt(pos) != ';')) {
            Item known = Known.item(s.value());
            if (known != null) {
                return known;
            }
        }
        return new Item(value, parseParameters());
    }

    private Parameters parseParameters() throws SfParseException {
        String[] keys = null;
        BareItem[] values = null;
        int size = 0;
        while (pos < len && in.charAt(pos) == ';') {
            pos++;
            if (pos < len && in.charAt(pos) == ' ') {
                canonical = false;
                skipSp();
            }
            String key = parseKey();
            BareItem value = BareItem.Bool.TRUE;
            if (pos < len && in.charAt(pos) == '=') {
                pos++;
                value = parseBareItem();
                if (value instanceof BareItem.Bool b && b.value()) {
                    canonical = false; // ;k=?1 serialises as ;k
                }
            }
            if (keys == null) {
                keys = new String[4];
                values = new BareItem[4];
            }
            int existing = indexOf(keys, size, key);
            if (existing >= 0) {
                values[existing] = value; // a repeated key overwrites the value, keeping its place
                canonical = false;
                continue;
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
        }
        return Parameters.wrap(keys, values, size);
    }

    private String parseKey() throws SfParseException {
        if (pos >= len) {
            throw fail("expected a key");
        }
        char c = in.charAt(pos);
        if (!(c >= 'a' && c <= 'z') && c != '*') {
            throw fail("key must start with a lowercase letter or '*'");
        }
        final String s = in;
        final int n = len;
        int start = pos;
        int p = start + 1;
        int hash = c;
        while (p < n) {
            char k = s.charAt(p);
            if (!Chars.isKeyChar(k)) {
                break;
            }
            hash = 31 * hash + k;
            p++;
        }
        pos = p;
        return Known.string(s, start, p, hash);
    }

    private BareItem parseBareItem() throws SfParseException {
        if (pos >= len) {
            throw fail("expected an item");
        }
        char c = in.charAt(pos);
        if (c == '-' || (c >= '0' && c <= '9')) {
            return parseNumber();
        }
        switch (c) {
            case '"':
                return parseString();
            case ':':
                return parseByteSequence();
            case '?':
                return parseBoolean();
            case '@':
                return parseDate();
            case '%':
                return parseDisplayString();
            default:
                if (c == '*' || Chars.isAlpha(c)) {
                    return parseToken();
                }
                throw fail("unexpected character for an item");
        }
    }

    private BareItem parseNumber() throws SfParseException {
        int start = pos;
        boolean negative = false;
        if (in.charAt(pos) == '-') {
            negative = true;
            pos++;
        }
        if (pos >= len || !Chars.isDigit(in.charAt(pos))) {
            throw fail("expected a digit");
        }
        int digitsStart = pos;
        boolean decimal = false;
        int dotAt = -1;
        while (pos < len) {
            char c = in.charAt(pos);
            if (Chars.isDigit(c)) {
                pos++;
            } else if (!decimal && c == '.') {
                if (pos - digitsStart > 12) {
                    throw fail("decimal with more than 12 integer digits");
                }
                decimal = true;
                dotAt = pos;
                pos++;
            } else {
                break;
            }
            int size = pos - digitsStart;
            if (!decimal && size > 15) {
                throw fail("integer with more than 15 digits");
            }
            if (decimal && size > 16) {
                throw fail("decimal with more than 16 characters");
            }
        }
        if (!decimal) {
            long v = 0;
            for (int i = digitsStart; i < pos; i++) {
                v = v * 10 + (in.charAt(i) - '0');
            }
            if ((in.charAt(digitsStart) == '0' && pos - digitsStart > 1) || (negative && v == 0)) {
                canonical = false; // leading zeros, -0
            }
            return new BareItem.Int(negative ? -v : v);
        }
        canonical = false; // decimals are rare here; not worth proving canonical
        if (dotAt == pos - 1) {
            throw fail("decimal ends with '.'");
        }
        if (pos - dotAt - 1 > 3) {
            throw fail("decimal with more than 3 fractional digits");
        }
        return new BareItem.Dec(new BigDecimal(in.substring(start, pos)));
    }

    private BareItem parseString() throws SfParseException {
        pos++; // '"'
        final String s = in;
        final int n = len;
        int start = pos;
        // fast path: printable characters up to the closing quote, no escapes
        int i = start;
        int hash = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return Known.str(Known.string(s, start, i, hash));
            }
            if (c < 0x20 || c > 0x7e || c == '\\') {
                break;
            }
            hash = 31 * hash + c;
            i++;
        }
        StringBuilder sb = null;
        while (pos < len) {
            char c = in.charAt(pos++);
            if (c == '\\') {
                if (pos >= len) {
                    throw fail("unterminated escape");
                }
                char next = in.charAt(pos++);
                if (next != '"' && next != '\\') {
                    throw fail("invalid escape in string");
                }
                if (sb == null) {
                    sb = new StringBuilder(in.length());
                    sb.append(in, start, pos - 2);
                }
                sb.append(next);
            } else if (c == '"') {
                return new BareItem.Str(sb == null ? in.substring(start, pos - 1) : sb.toString());
            } else if (c < 0x20 || c > 0x7e) {
                throw fail("control character in string");
            } else if (sb != null) {
                sb.append(c);
            }
        }
        throw fail("unterminated string");
    }

    private BareItem parseToken() {
        final String s = in;
        int start = pos;
        int p = start + 1;
        while (p < len) {
            char c = s.charAt(p);
            if (!Chars.isTchar(c) && c != ':' && c != '/') {
                break;
            }
            p++;
        }
        pos = p;
        return new BareItem.Token(s.substring(start, p));
    }

    private BareItem parseByteSequence() throws SfParseException {
        int start = ++pos;
        int end = in.indexOf(':', start);
        if (end < 0) {
            throw fail("unterminated byte sequence");
        }
        byte[] bytes = end > start ? io.scribehook.signatures.internal.Base64Padded.decode(in, start, end) : null;
        if (bytes == null) {
            // not canonical padded base64: validate, then let the JDK decoder (which accepts missing padding) decide
            canonical = false;
            for (int i = start; i < end; i++) {
                if (!Chars.isBase64(in.charAt(i))) {
                    pos = i;
                    throw fail("invalid base64 character in byte sequence");
                }
            }
            try {
                bytes = Base64.getDecoder().decode(in.substring(start, end));
            } catch (IllegalArgumentException e) {
                throw fail("invalid base64 in byte sequence");
            }
        }
        pos = end + 1;
        return new BareItem.Bytes(bytes);
    }

    private BareItem parseBoolean() throws SfParseException {
        pos++; // '?'
        if (pos < len && in.charAt(pos) == '1') {
            pos++;
            return BareItem.Bool.TRUE;
        }
        if (pos < len && in.charAt(pos) == '0') {
            pos++;
            return BareItem.Bool.FALSE;
        }
        throw fail("invalid boolean");
    }

    private BareItem parseDate() throws SfParseException {
        pos++; // '@'
        if (pos >= len) {
            throw fail("expected a date");
        }
        BareItem n = parseNumber();
        if (!(n instanceof BareItem.Int i)) {
            throw fail("date must be an integer");
        }
        return new BareItem.SfDate(i.value());
    }

    private BareItem parseDisplayString() throws SfParseException {
        canonical = false; // optional escapes may differ from the serialisation
        pos++; // '%'
        if (pos >= len || in.charAt(pos) != '"') {
            throw fail("expected '\"' after '%'");
        }
        pos++;
        ByteBuffer bytes = ByteBuffer.allocate(len);
        while (pos < len) {
            char c = in.charAt(pos++);
            if (c < 0x20 || c > 0x7e) {
                throw fail("invalid character in display string");
            }
            if (c == '%') {
                if (pos + 2 > len) {
                    throw fail("truncated percent escape");
                }
                int hi = Chars.lowerHex(in.charAt(pos));
                int lo = Chars.lowerHex(in.charAt(pos + 1));
                if (hi < 0 || lo < 0) {
                    throw fail("invalid percent escape");
                }
                pos += 2;
                bytes.put((byte) (hi << 4 | lo));
            } else if (c == '"') {
                bytes.flip();
                try {
                    return new BareItem.DisplayStr(StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(bytes)
                            .toString());
                } catch (CharacterCodingException e) {
                    throw fail("display string is not UTF-8");
                }
            } else {
                bytes.put((byte) c);
            }
        }
        throw fail("unterminated display string");
    }

    /** The position of {@code key} among the first {@code size} keys, or -1. */
    private static int indexOf(String[] keys, int size, String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
