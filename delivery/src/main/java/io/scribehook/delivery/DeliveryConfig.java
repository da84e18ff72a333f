package io.scribehook.delivery;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.delivery.http.Cidr;
import io.scribehook.delivery.send.RetrySchedule;
import java.time.Duration;
import java.util.List;

/** Reads the {@code SCRIBEHOOK_HUB_*} delivery keys; an invalid value names the key, the value and what is allowed. */
public final class DeliveryConfig {
    private DeliveryConfig() {}

    /**
     * {@link DeliverySettings#defaults()} with the configured schedule, thresholds, retention and
     * allowed targets.
     *
     * @throws ConfigException naming the key
     */
    public static DeliverySettings from(ConfigSource c) {
        DeliverySettings d = DeliverySettings.defaults();
        String targets = c.string(ConfigKey.HUB_ALLOWED_TARGETS, "");
        List<Cidr> allowed;
        try {
            allowed = Cidr.parseList(targets);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    ConfigKey.HUB_ALLOWED_TARGETS.key(), targets, "a comma-separated list of CIDRs such as 10.0.0.0/8");
        }
        RetrySchedule schedule = d.schedule();
        String scheduleText = c.raw(ConfigKey.HUB_RETRY_SCHEDULE).orElse(null);
        if (scheduleText != null) {
            try {
                schedule = RetrySchedule.parse(scheduleText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        ConfigKey.HUB_RETRY_SCHEDULE.key(),
                        scheduleText,
                        "a comma-separated list of positive durations such as 30s,5m,1h");
            }
        }
        Duration warn = c.duration(ConfigKey.HUB_WARN_AFTER, d.warnAfter());
        Duration disable = c.duration(ConfigKey.HUB_DISABLE_AFTER, d.disableAfter());
        if (warn.compareTo(disable) > 0) {
            throw new ConfigException(
                    ConfigKey.HUB_WARN_AFTER.key(),
                    c.raw(ConfigKey.HUB_WARN_AFTER).orElse("24h"),
                    "a duration not longer than " + ConfigKey.HUB_DISABLE_AFTER.key());
        }
        Duration retention = c.duration(ConfigKey.HUB_SENT_RETENTION, d.sentRetention());
        if (retention.isZero()) {
            throw new ConfigException(ConfigKey.HUB_SENT_RETENTION.key(), "0", "a positive duration such as 180d");
        }
        return d.withSchedule(schedule)
                .withFailureThresholds(warn, disable)
                .withSentRetention(retention)
                .withAllowedTargets(allowed);
    }
}
