package io.scribehook.receiver.guard;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code SCRIBEHOOK_IP_ALLOWLIST} setting: {@code off} (the default), or a comma-separated list
 * of the names {@code healthie-production} and {@code healthie-staging} and/or CIDRs.
 *
 * <p>Names: {@code healthie-production} = 52.4.158.130, 3.216.152.234, 54.243.233.84, 50.19.211.21;
 * {@code healthie-staging} = 18.206.70.225, 44.195.8.253, 44.198.216.125 (the guide lists only the
 * first two staging addresses). Names are matched case-insensitively.
 */
public final class IpAllowList {
    /** Healthie's production senders. */
    public static final String HEALTHIE_PRODUCTION = "healthie-production";
    /** Healthie's staging (sandbox) senders. */
    public static final String HEALTHIE_STAGING = "healthie-staging";
    /** The value that turns the allow-list off. */
    public static final String OFF = "off";

    private static final Map<String, List<Cidr>> NAMED;
    private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final IpAllowList DISABLED = new IpAllowList(List.of());

    static {
        Map<String, List<Cidr>> m = new LinkedHashMap<>();
        m.put(HEALTHIE_PRODUCTION, hosts("52.4.158.130", "3.216.152.234", "54.243.233.84", "50.19.211.21"));
        m.put(HEALTHIE_STAGING, hosts("18.206.70.225", "44.195.8.253", "44.198.216.125"));
        NAMED = Collections.unmodifiableMap(m);
    }

    /** One configured item: a name with its addresses, or a single CIDR. */
    private record Entry(String label, List<Cidr> ranges, boolean named) {}

    private final List<Entry> entries;

    private IpAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The allow-list that allows every address. */
    public static IpAllowList off() {
        return DISABLED;
    }

    /**
     * Parses the setting. {@code null}, blank or {@code off} turn it off.
     *
     * @throws IllegalArgumentException naming the bad item: an unknown name (the message lists the
     *                                  known ones) or an invalid CIDR
     */
    public static IpAllowList parse(String configValue) {
        if (configValue == null || configValue.isBlank() || configValue.trim().equalsIgnoreCase(OFF)) {
            return DISABLED;
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : configValue.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (NAME_LIKE.matcher(item).matches()) {
                String name = item.toLowerCase(Locale.ROOT);
                List<Cidr> ranges = NAMED.get(name);
                if (ranges == null) {
                    throw new IllegalArgumentException("'" + item + "' is not a known IP allow-list name; use "
                            + String.join(", ", NAMED.keySet()) + " and/or CIDRs such as 10.0.0.0/8, or off alone");
                }
                entries.add(new Entry(name, ranges, true));
            } else {
                Cidr cidr = Cidr.parse(item);
                entries.add(new Entry(cidr.toString(), List.of(cidr), false));
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("'" + configValue + "' holds no IP allow-list entry; use "
                    + String.join(", ", NAMED.keySet()) + " and/or CIDRs, comma-separated, or off");
        }
        return new IpAllowList(entries);
    }

    /** The known names and their addresses, in a stable order. */
    public static Map<String, List<Cidr>> namedLists() {
        return NAMED;
    }

    /** Whether the allow-list is on (when off, {@link #allows} is always true). */
    public boolean enabled() {
        return !entries.isEmpty();
    }

    /** Whether a client address may deliver webhooks. Always true when off; {@code null} is refused when on. */
    public boolean allows(InetAddress client) {
        if (!enabled()) {
            return true;
        }
        for (Entry e : entries) {
            for (Cidr c : e.ranges()) {
                if (c.contains(client)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every configured network, names expanded, in configuration order. */
    public List<Cidr> ranges() {
        return entries.stream().flatMap(e -> e.ranges().stream()).toList();
    }

    /** One line for the start-up log, e.g. {@code on: healthie-production (4 addresses), 10.0.0.0/8}, or {@code off}. */
    public String describe() {
        if (!enabled()) {
            return OFF;
        }
        return "on: "
                + entries.stream()
                        .map(e -> e.named() ? e.label() + " (" + e.ranges().size() + " addresses)" : e.label())
                        .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "IpAllowList[" + describe() + "]";
    }

    private static List<Cidr> hosts(String... addresses) {
        List<Cidr> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(Cidr.parse(a));
        }
        return List.copyOf(out);
    }
}
