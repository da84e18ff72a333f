package io.scribehook.app.cli.doctor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code scribehook doctor}'s report: what was checked, what was found and, when
 * something is wrong, what to do. Holds ids, URLs, times and reason codes only, never PHI.
 *
 * @param check a short name of the check ({@code database}, {@code registration 42}, ...)
 * @param action what to do about it; null when nothing is to be done
 */
public record Finding(Verdict verdict, String check, String message, String action) {
    /** How a finding counts: only {@link #FAIL} makes the deployment unhealthy (exit 1). */
    public enum Verdict {
        OK,
        INFO,
        WARN,
        FAIL
    }

    static Finding ok(String check, String message) {
        return new Finding(Verdict.OK, check, message, null);
    }

    static Finding info(String check, String message) {
        return new Finding(Verdict.INFO, check, message, null);
    }

    static Finding warn(String check, String message, String action) {
        return new Finding(Verdict.WARN, check, message, action);
    }

    static Finding fail(String check, String message, String action) {
        return new Finding(Verdict.FAIL, check, message, action);
    }

    /** {@code FAIL registration 42: disabled at Healthie. Do: ...}, one line. */
    public String line() {
        return String.format("%-4s %s: %s%s", verdict, check, message, action == null ? "" : ". Do: " + action);
    }

    /** The finding as a JSON-ready map (the {@code --json} output's objects). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
        m.put("check", check);
        m.put("message", message);
        m.put("action", action);
        return m;
    }
}
