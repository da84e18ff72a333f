package io.scribehook.receiver.process;

import io.scribehook.receiver.secrets.ServerKeys;
import io.scribehook.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonymous participant keys for the attendance API: {@code p_} and 32 hex digits, the
 * first 16 bytes of HMAC-SHA256, under a server key, of {@code email:} and the email lower-cased and
 * trimmed, else of {@code name:} and the name trimmed, its spaces collapsed, lower-cased. The same
 * person gets the same key in every event and on every instance of one database (the server key is
 * kept in {@code receiver_keys}); neither name nor email can be read back from it. Thread-safe.
 */
public final class ParticipantKeys {
    static final String SERVER_KEY_NAME = "attendance_participant";
    private static final int KEY_BYTES_SHOWN = 16;

    private final Supplier<byte[]> source;
    private volatile SecretKeySpec key;

    private ParticipantKeys(Supplier<byte[]> source) {
        this.source = source;
    }

    /** This database's instance; its server key is read (or created) on first use. */
    public static ParticipantKeys of(Database db, Clock clock) {
        return db.component(
                ParticipantKeys.class,
                d -> new ParticipantKeys(() -> ServerKeys.getOrCreate(d, SERVER_KEY_NAME, clock)));
    }

    /** Keys under a given server key (tests). */
    static ParticipantKeys withKey(byte[] serverKey) {
        byte[] copy = serverKey.clone();
        return new ParticipantKeys(() -> copy);
    }

    /** Reads or creates the server key now, so that later calls need no database. */
    public ParticipantKeys load() {
        key();
        return this;
    }

    /** The participant's key from the email, else the name; null when neither is given. */
    public String keyOf(String email, String name) {
        String e = normalEmail(email);
        String n = normalName(name);
        String subject = e != null ? "email:" + e : n != null ? "name:" + n : null;
        if (subject == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] digest = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return "p_" + HexFormat.of().formatHex(Arrays.copyOf(digest, KEY_BYTES_SHOWN));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable", ex);
        }
    }

    /** Lower-cased and trimmed; null if blank. */
    static String normalEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Trimmed, runs of white space made one space, lower-cased; null if blank. */
    static String normalName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = new SecretKeySpec(source.get(), "HmacSHA256");
                    key = k;
                }
            }
        }
        return k;
    }
}
