package io.scribehook.scribe.clinical;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A number written in digits ({@code 20}, {@code 0.5}, {@code 1,000}) or in words ({@code twenty
 * five}, {@code a hundred and forty}, {@code two point five}, {@code ninety eight point six}); with
 * {@code colloquial}, also the way readings are spoken: {@code one twenty} for 120, {@code one
 * thirty two} for 132, {@code two oh five} for 205.
 *
 * @param value the number
 * @param end the index after its last token
 */
record SpokenNumber(double value, int end) {
    private static final Map<String, Integer> ONES = Map.of(
            "zero", 0, "one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6, "seven", 7, "eight", 8, "nine",
            9);
    private static final Map<String, Integer> TEENS = Map.of(
            "ten",
            10,
            "eleven",
            11,
            "twelve",
            12,
            "thirteen",
            13,
            "fourteen",
            14,
            "fifteen",
            15,
            "sixteen",
            16,
            "seventeen",
            17,
            "eighteen",
            18,
            "nineteen",
            19);
    private static final Map<String, Integer> TENS = Map.of(
            "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70, "eighty", 80, "ninety",
            90);

    /** The value as plain text: {@code 120}, {@code 98.6}, {@code 0.5}. */
    String text() {
        return format(value);
    }

    static String format(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** The number starting at {@code i}, or null. */
    static SpokenNumber at(TokenizedText t, int i, boolean colloquial) {
        String w = t.word(i);
        if (w.isEmpty()) {
            return null;
        }
        if (Character.isDigit(w.charAt(0))) {
            double v;
            try {
                v = Double.parseDouble(w.replace(",", ""));
            } catch (NumberFormatException e) {
                return null;
            }
            return Double.isFinite(v) ? new SpokenNumber(v, i + 1) : null;
        }
        SpokenNumber whole = whole(t, i, colloquial);
        if (whole == null) {
            return null;
        }
        return decimals(t, whole);
    }

    private static SpokenNumber decimals(TokenizedText t, SpokenNumber whole) {
        int j = whole.end();
        if (!t.is(j, "point")) {
            return whole;
        }
        StringBuilder digits = new StringBuilder();
        int k = j + 1;
        if (isDigits(t.word(k))) {
            digits.append(t.word(k));
            k++;
        } else {
            while (ONES.containsKey(t.word(k)) || t.is(k, "oh")) {
                digits.append(t.is(k, "oh") ? 0 : ONES.get(t.word(k)));
                k++;
            }
        }
        if (digits.isEmpty()) {
            return whole;
        }
        return new SpokenNumber(whole.value() + Double.parseDouble("0." + digits), k);
    }

    private static SpokenNumber whole(TokenizedText t, int i, boolean colloquial) {
        SpokenNumber first = hundreds(t, i);
        if (first == null) {
            return null;
        }
        int j = first.end();
        if (t.is(j, "thousand")) {
            double total = first.value() * 1000;
            int k = j + 1;
            SpokenNumber rest = hundreds(t, t.is(k, "and") ? k + 1 : k);
            if (rest != null && !t.is(rest.end() - 1, "a")) {
                return new SpokenNumber(total + rest.value(), rest.end());
            }
            return new SpokenNumber(total, k);
        }
        if (colloquial && first.end() == i + 1 && ONES.containsKey(t.word(i)) && first.value() > 0) {
            SpokenNumber tail = t.is(j, "oh") && ONES.containsKey(t.word(j + 1))
                    ? new SpokenNumber(ONES.get(t.word(j + 1)), j + 2)
                    : tensOrTeens(t, j);
            if (tail != null) {
                return new SpokenNumber(first.value() * 100 + tail.value(), tail.end());
            }
        }
        return first;
    }

    /** {@code [N|a] hundred [and] [N]}, or a number under 100. */
    private static SpokenNumber hundreds(TokenizedText t, int i) {
        SpokenNumber small = small(t, i);
        boolean article = small == null && t.is(i, "a") && t.is(i + 1, "hundred", "thousand");
        if (small == null && !article) {
            return null;
        }
        int j = article ? i + 1 : small.end();
        double value = article ? 1 : small.value();
        if (!t.is(j, "hundred")) {
            return article ? new SpokenNumber(1, i + 1) : small;
        }
        int k = j + 1;
        SpokenNumber rest = small(t, t.is(k, "and") ? k + 1 : k);
        if (rest != null) {
            return new SpokenNumber(value * 100 + rest.value(), rest.end());
        }
        return new SpokenNumber(value * 100, k);
    }

    private static SpokenNumber small(TokenizedText t, int i) {
        SpokenNumber tens = tensOrTeens(t, i);
        if (tens != null) {
            return tens;
        }
        Integer one = ONES.get(t.word(i));
        return one == null ? null : new SpokenNumber(one, i + 1);
    }

    private static SpokenNumber tensOrTeens(TokenizedText t, int i) {
        Integer teen = TEENS.get(t.word(i));
        if (teen != null) {
            return new SpokenNumber(teen, i + 1);
        }
        Integer ten = TENS.get(t.word(i));
        if (ten == null) {
            return null;
        }
        Integer one = ONES.get(t.word(i + 1));
        return one != null && one > 0 ? new SpokenNumber(ten + one, i + 2) : new SpokenNumber(ten, i + 1);
    }

    private static boolean isDigits(String w) {
        return !w.isEmpty() && w.chars().allMatch(Character::isDigit);
    }
}
