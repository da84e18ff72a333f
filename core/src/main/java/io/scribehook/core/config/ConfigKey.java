package io.scribehook.core.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key Scribehook reads, with its default and meaning. The README's table is
 * checked against this list by a test, so a key cannot go undocumented.
 */
public enum ConfigKey {
    CONFIG_FILE(
            "SCRIBEHOOK_CONFIG_FILE",
            "none",
            "Java properties file with the same keys; environment variables override it",
            false),
    HTTP_PORT("SCRIBEHOOK_HTTP_PORT", "8080", "listen port (0 = any free port, printed at start)", true),
    HTTP_HOST(
            "SCRIBEHOOK_HTTP_HOST",
            "127.0.0.1",
            "listen address: an address of this machine, `0.0.0.0` for all interfaces; the start line prints the address bound",
            true),
    DATA_DIR("SCRIBEHOOK_DATA_DIR", "./data", "SQLite file, admin token file, index", true),
    DATABASE_URL(
            "SCRIBEHOOK_DATABASE_URL",
            "SQLite file `scribehook.db` in the data dir",
            "`jdbc:sqlite:FILE` or `jdbc:postgresql://HOST:PORT/DB?user=...` (PostgreSQL for several instances)",
            true),
    TLS_CERT(
            "SCRIBEHOOK_TLS_CERT",
            "none (plain HTTP)",
            "PEM certificate chain file (leaf first); with `SCRIBEHOOK_TLS_KEY` the listener on `SCRIBEHOOK_HTTP_PORT` serves HTTPS instead of HTTP",
            true),
    TLS_KEY(
            "SCRIBEHOOK_TLS_KEY",
            "none",
            "PEM private key file of that certificate: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or `EC PRIVATE KEY`, unencrypted",
            true),
    REGISTRATION_CHECK_INTERVAL(
            "SCRIBEHOOK_REGISTRATION_CHECK_INTERVAL",
            "15m",
            "how often the receiver reads its registrations at the Healthie API and alarms (log, metric, `webhook.warned`/`webhook.disabled` event) when one is warned or disabled; `off` for never",
            true),
    ROLES("SCRIBEHOOK_ROLES", "receiver,hub", "comma-separated subset of `receiver,hub`", true),
    ADMIN_TOKEN(
            "SCRIBEHOOK_ADMIN_TOKEN",
            "generated on first start into `DATA_DIR/admin-token` (mode 0600), printed once on stdout",
            "bearer token for `/api/*`",
            true),
    ADMIN_AUTH(
            "SCRIBEHOOK_ADMIN_AUTH", "on", "`off` disables admin authentication (a warning is logged at start)", true),
    LOG_FORMAT("SCRIBEHOOK_LOG_FORMAT", "text", "`text` (human-readable) or `json` (one JSON object a line)", true),
    JOB_POLL_INTERVAL(
            "SCRIBEHOOK_JOB_POLL_INTERVAL",
            "1s",
            "polling fallback of the job queue when no wake-up signal arrives",
            true),
    JOB_RETENTION(
            "SCRIBEHOOK_JOB_RETENTION",
            "7d",
            "finished jobs (completed, dead) older than this are deleted, in batches, every 10 minutes",
            true),
    WEBHOOK_PATH("SCRIBEHOOK_WEBHOOK_PATH", "/healthie-webhooks", "receiver endpoint", true),
    WEBHOOK_PUBLIC_PATH(
            "SCRIBEHOOK_WEBHOOK_PUBLIC_PATH",
            "the webhook path",
            "path the sender signed (the registered URL's path) when a proxy rewrites it",
            true),
    WEBHOOK_MAX_BYTES(
            "SCRIBEHOOK_WEBHOOK_MAX_BYTES",
            "1MiB",
            "largest accepted webhook body (413 beyond); bytes, or with KiB/MiB",
            true),
    WEBHOOK_SECRETS(
            "SCRIBEHOOK_WEBHOOK_SECRETS",
            "none",
            "comma-separated; first is current; merged with secrets stored in the database",
            true),
    SIGNATURE_PROFILES(
            "SCRIBEHOOK_SIGNATURE_PROFILES",
            "guide,healthie-api,healthie-rfc9421",
            "accepted signature profiles (also `standard-webhooks`)",
            true),
    IP_ALLOWLIST(
            "SCRIBEHOOK_IP_ALLOWLIST",
            "off",
            "list of `healthie-production`, `healthie-staging` and/or CIDRs allowed to send webhooks",
            true),
    TRUSTED_PROXIES(
            "SCRIBEHOOK_TRUSTED_PROXIES", "none", "CIDRs whose `X-Forwarded-For`/`Forwarded` is believed", true),
    DEDUPE_WINDOW("SCRIBEHOOK_DEDUPE_WINDOW", "24h", "redelivery recognition window", true),
    WEBHOOK_LOG_RETENTION("SCRIBEHOOK_WEBHOOK_LOG_RETENTION", "30d", "receiver webhook log retention", true),
    RECEIVER_WORKERS("SCRIBEHOOK_RECEIVER_WORKERS", "8", "concurrent webhook processing jobs per instance", true),
    HEALTHIE_API_URL(
            "SCRIBEHOOK_HEALTHIE_API_URL",
            "the local hub's `/graphql` when the hub role is on; else required",
            "GraphQL endpoint to fetch from",
            true),
    HEALTHIE_API_KEY("SCRIBEHOOK_HEALTHIE_API_KEY", "none", "its API key", true),
    HEALTHIE_API_VERSION(
            "SCRIBEHOOK_HEALTHIE_API_VERSION", "2026-01-01", "`Healthie-GraphQL-API-Version` header", true),
    LLM_BASE_URL(
            "SCRIBEHOOK_LLM_BASE_URL",
            "none (offline writer)",
            "OpenAI-compatible endpoint for the LLM note writer, e.g. `http://127.0.0.1:11434/v1` (`/chat/completions` is appended)",
            true),
    LLM_MODEL("SCRIBEHOOK_LLM_MODEL", "none", "model name sent to the LLM endpoint", true),
    LLM_API_KEY("SCRIBEHOOK_LLM_API_KEY", "none", "bearer key for the LLM endpoint; never logged", true),
    LLM_CONNECT_TIMEOUT("SCRIBEHOOK_LLM_CONNECT_TIMEOUT", "5s", "connect timeout to the LLM endpoint", true),
    LLM_TIMEOUT("SCRIBEHOOK_LLM_TIMEOUT", "60s", "whole-request timeout of one LLM call", true),
    LLM_RETRIES(
            "SCRIBEHOOK_LLM_RETRIES",
            "2",
            "retries (0-10) on timeout, 429 and 5xx before falling back to the offline writer",
            true),
    LLM_REDACT(
            "SCRIBEHOOK_LLM_REDACT",
            "on",
            "`on` replaces the patient's name and email addresses with `[PATIENT]`/`[EMAIL]` in what is sent",
            true),
    LLM_JSON_MODE(
            "SCRIBEHOOK_LLM_JSON_MODE",
            "on",
            "`on` asks for `response_format: json_object`; `off` for servers that reject it",
            true),
    HUB_ALLOWED_TARGETS(
            "SCRIBEHOOK_HUB_ALLOWED_TARGETS",
            "none",
            "CIDRs webhooks may be delivered to despite being private, loopback or link-local",
            true),
    HUB_RETRY_SCHEDULE(
            "SCRIBEHOOK_HUB_RETRY_SCHEDULE",
            "`5s,30s,2m,10m,30m,1h,2h,4h,6h,8h,12h,12h,12h,14h` (15 attempts over about 72 h)",
            "delays between delivery attempts (each ± 20 %)",
            true),
    HUB_WARN_AFTER(
            "SCRIBEHOOK_HUB_WARN_AFTER",
            "24h",
            "continuous failure before a webhook's `warned_at` is set (and `webhook.warned` sent)",
            true),
    HUB_DISABLE_AFTER(
            "SCRIBEHOOK_HUB_DISABLE_AFTER",
            "72h",
            "continuous failure before a webhook is disabled (and `webhook.disabled` sent)",
            true),
    HUB_SENT_RETENTION(
            "SCRIBEHOOK_HUB_SENT_RETENTION", "180d", "delivery attempt log (and finished deliveries) retention", true),
    HUB_RATE_LIMIT(
            "SCRIBEHOOK_HUB_RATE_LIMIT",
            "250/1m",
            "requests per API key on the hub's `/graphql` (`N/DURATION`), beyond which it answers `TOO_MANY_REQUESTS`; `off` for none",
            true),
    HUB_TRANSCRIPT_URL_TTL(
            "SCRIBEHOOK_HUB_TRANSCRIPT_URL_TTL", "5m", "lifetime of a transcript's `expiring_url` on the hub", true),
    ZOOM_SECRET_TOKEN(
            "SCRIBEHOOK_ZOOM_SECRET_TOKEN",
            "none",
            "Zoom webhook secret token; without it the hub's `/zoom/webhooks` answers 503",
            true),
    DATA_KEY(
            "SCRIBEHOOK_DATA_KEY",
            "none: transcripts are not fetched or stored until it is set",
            "AES keys for data at rest, comma-separated `id:base64key` (16, 24 or 32 bytes), first is current; "
                    + "values encrypted with the others are re-encrypted in the background",
            true),
    TRANSCRIPT_WAIT(
            "SCRIBEHOOK_TRANSCRIPT_WAIT",
            "24h",
            "after `appointment.transcript_available`, how long to keep looking for a completed transcript "
                    + "(with back-off) before the appointment is marked `transcript_missing`",
            true),
    RECONCILE_INTERVAL(
            "SCRIBEHOOK_RECONCILE_INTERVAL",
            "6h",
            "how often the receiver reconciles on its own (one instance at a time): lists webhooks sent but not "
                    + "received and completed transcripts never processed, and queues them; `off` disables it",
            true),
    RECONCILE_WINDOW(
            "SCRIBEHOOK_RECONCILE_WINDOW",
            "3d",
            "how far back the periodic reconcile looks (the sender retries for 3 days)",
            true);

    private final String key;
    private final String defaultText;
    private final String meaning;
    private final boolean fileAllowed;

    ConfigKey(String key, String defaultText, String meaning, boolean fileAllowed) {
        this.key = key;
        this.defaultText = defaultText;
        this.meaning = meaning;
        this.fileAllowed = fileAllowed;
    }

    public String key() {
        return key;
    }

    public String defaultText() {
        return defaultText;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the key may appear in the config file (the file's own path may not). */
    public boolean fileAllowed() {
        return fileAllowed;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
