package io.scribehook.scribe.note.llm;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.time.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an OpenAI-compatible chat completions endpoint, and how to talk to it.
 *
 * @param baseUrl the API base, such as {@code http://127.0.0.1:11434/v1}; requests go to {@code
 *     {baseUrl}/chat/completions}
 * @param model the model name sent with every request
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>} when not empty; never printed by
 *     {@link #toString()}, never logged
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout deadline of one attempt, until the whole answer is read
 * @param retries further attempts after a timeout, HTTP 429, HTTP 5xx or a network error
 * @param retryBackoff the delay before the first retry; doubled for each further one, spread by
 *     {@link io.scribehook.core.time.Jitter}
 * @param redactPatient whether the patient's name and email addresses are replaced by {@code
 *     [PATIENT]} / {@code [EMAIL]} in what is sent
 * @param jsonResponseFormat whether the request asks for {@code response_format: {"type":
 *     "json_object"}}; some servers reject it
 */
public record LlmSettings(
        URI baseUrl,
        String model,
        String apiKey,
        Duration connectTimeout,
        Duration requestTimeout,
        int retries,
        Duration retryBackoff,
        boolean redactPatient,
        boolean jsonResponseFormat) {

    /** The endpoint's base URL; unset means no LLM (the offline writer). */
    public static final String BASE_URL = "SCRIBEHOOK_LLM_BASE_URL";
    /** The model name; required when the base URL is set. */
    public static final String MODEL = "SCRIBEHOOK_LLM_MODEL";
    /** The bearer token; optional (local servers need none). */
    public static final String API_KEY = "SCRIBEHOOK_LLM_API_KEY";
    /** Connect timeout, a duration such as {@code 5s}. */
    public static final String CONNECT_TIMEOUT = "SCRIBEHOOK_LLM_CONNECT_TIMEOUT";
    /** Deadline of one request, a duration such as {@code 60s}. */
    public static final String REQUEST_TIMEOUT = "SCRIBEHOOK_LLM_TIMEOUT";
    /** Retries after a timeout, 429 or 5xx: an integer from 0 to 10. */
    public static final String RETRIES = "SCRIBEHOOK_LLM_RETRIES";
    /** {@code on} or {@code off}: replace the patient's name and emails in what is sent. */
    public static final String REDACT = "SCRIBEHOOK_LLM_REDACT";
    /** {@code on} or {@code off}: ask for {@code response_format: json_object}. */
    public static final String JSON_MODE = "SCRIBEHOOK_LLM_JSON_MODE";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_RETRIES = 2;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    static final int MAX_RETRIES = 10;

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        apiKey = apiKey == null ? "" : apiKey;
        if (!headerSafe(apiKey)) {
            throw new IllegalArgumentException("apiKey holds a space or control character (not shown)");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be from 0 to " + MAX_RETRIES + ", got " + retries);
        }
    }

    /**
     * Defaults for everything but the endpoint: connect 5 s, request 60 s, 2 retries from 1 s,
     * redaction on, JSON response format on.
     */
    public static LlmSettings of(URI baseUrl, String model, String apiKey) {
        return new LlmSettings(
                baseUrl,
                model,
                apiKey,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_RETRIES,
                DEFAULT_RETRY_BACKOFF,
                true,
                true);
    }

    /**
     * Reads the settings from environment-like keys ({@code SCRIBEHOOK_LLM_*}, see the constants).
     * Blank values count as unset.
     *
     * @return empty when {@value #BASE_URL} is unset: no LLM, the offline writer drafts
     * @throws ConfigException naming the key, the value (never the API key's) and what is allowed
     */
    public static Optional<LlmSettings> fromEnv(Map<String, String> env) {
        Optional<String> base = value(env, BASE_URL);
        if (base.isEmpty()) {
            for (String dependent : new String[] {MODEL, API_KEY}) {
                if (value(env, dependent).isPresent()) {
                    throw new ConfigException(dependent + " is set but " + BASE_URL
                            + " is not; set both, or neither for the offline writer");
                }
            }
            return Optional.empty();
        }
        URI url = baseUrl(base.get());
        String model = value(env, MODEL)
                .orElseThrow(() -> new ConfigException(
                        MODEL, null, "required when " + BASE_URL + " is set: the model name the server serves"));
        String key = value(env, API_KEY).orElse("");
        if (!headerSafe(key)) {
            throw new ConfigException(API_KEY
                    + " is invalid: it holds a space or control character (the value is a secret and not shown)");
        }
        return Optional.of(new LlmSettings(
                url,
                model,
                key,
                duration(env, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                duration(env, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT),
                retries(env),
                DEFAULT_RETRY_BACKOFF,
                onOff(env, REDACT, true),
                onOff(env, JSON_MODE, true)));
    }

    /** The URL requests are posted to: {@code {baseUrl}/chat/completions}. */
    public URI chatCompletionsUrl() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/chat/completions");
    }

    /** A copy with other connect and request timeouts. */
    public LlmSettings withTimeouts(Duration connect, Duration request) {
        return new LlmSettings(
                baseUrl, model, apiKey, connect, request, retries, retryBackoff, redactPatient, jsonResponseFormat);
    }

    /** A copy with another retry count and first back-off. */
    public LlmSettings withRetries(int count, Duration backoff) {
        return new LlmSettings(
                baseUrl,
                model,
                apiKey,
                connectTimeout,
                requestTimeout,
                count,
                backoff,
                redactPatient,
                jsonResponseFormat);
    }

    /** A copy with redaction of the patient's name and emails switched on or off. */
    public LlmSettings withRedactPatient(boolean on) {
        return new LlmSettings(
                baseUrl, model, apiKey, connectTimeout, requestTimeout, retries, retryBackoff, on, jsonResponseFormat);
    }

    /** A copy that asks, or does not ask, for {@code response_format: json_object}. */
    public LlmSettings withJsonResponseFormat(boolean on) {
        return new LlmSettings(
                baseUrl, model, apiKey, connectTimeout, requestTimeout, retries, retryBackoff, redactPatient, on);
    }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl
                + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "<none>" : "<redacted>")
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", retries=" + retries
                + ", retryBackoff=" + retryBackoff
                + ", redactPatient=" + redactPatient
                + ", jsonResponseFormat=" + jsonResponseFormat + "]";
    }

    private static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(
                    BASE_URL, text, "expected an http or https URL such as http://127.0.0.1:11434/v1");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException(
                    BASE_URL + " is invalid: it holds credentials (not shown); put the key in " + API_KEY + " instead");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(
                    BASE_URL,
                    text,
                    "expected an absolute http or https URL with a host, such as http://127.0.0.1:11434/v1");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(BASE_URL, text, "expected a base URL without query or fragment");
        }
        return uri;
    }

    private static Duration duration(Map<String, String> env, String key, Duration fallback) {
        Optional<String> v = value(env, key);
        if (v.isEmpty()) {
            return fallback;
        }
        Duration d;
        try {
            d = Durations.parse(v.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, v.get(), "expected a positive duration such as 500ms, 30s or 2m");
        }
        if (d.isZero()) {
            throw new ConfigException(key, v.get(), "expected a positive duration such as 500ms, 30s or 2m");
        }
        return d;
    }

    private static int retries(Map<String, String> env) {
        Optional<String> v = value(env, RETRIES);
        if (v.isEmpty()) {
            return DEFAULT_RETRIES;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 0 && n <= MAX_RETRIES) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(RETRIES, v.get(), "expected an integer from 0 to " + MAX_RETRIES);
    }

    private static boolean onOff(Map<String, String> env, String key, boolean fallback) {
        Optional<String> v = value(env, key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new ConfigException(key, v.get(), "expected on or off");
        };
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static boolean headerSafe(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) <= ' ' || key.charAt(i) == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
