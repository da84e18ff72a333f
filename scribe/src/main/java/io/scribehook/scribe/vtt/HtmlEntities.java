package io.scribehook.scribe.vtt;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes the character references WebVTT cue text uses; an unknown or invalid reference stays as written. */
final class HtmlEntities {
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED =
            Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "lrm", "", "rlm", "");

    private HtmlEntities() {}

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decodeOne(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decodeOne(String body, String whole) {
        if (body.charAt(0) != '#') {
            return NAMED.getOrDefault(body, whole);
        }
        boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
        int code = Integer.parseInt(body.substring(hex ? 2 : 1), hex ? 16 : 10);
        if (code == 0xA0) {
            return " ";
        }
        return Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : whole;
    }
}
