package io.scribehook.app.demo;

import io.scribehook.app.server.AdminToken;
import io.scribehook.core.crypto.DataKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The demo's data key: {@code SCRIBEHOOK_DATA_KEY} when configured, else the data dir's {@code
 * data-key} file, generated there (mode 0600) on the first demo. Only {@code scribehook demo}
 * generates one; {@code serve} never does (without a key nothing PHI is fetched or stored).
 */
public final class DemoDataKey {
    static final String FILE_NAME = "data-key";

    /** Where the key came from. */
    public enum Origin {
        CONFIGURED,
        FILE,
        GENERATED
    }

    /** @param value comma-separated {@code id:base64} keys, as {@code SCRIBEHOOK_DATA_KEY} takes them */
    public record Resolved(String value, Origin origin, Path file) {
        @Override
        public String toString() {
            return "Resolved[origin=" + origin + ", file=" + file + ", value=<redacted>]";
        }
    }

    private DemoDataKey() {}

    static Resolved resolve(Optional<String> configured, Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (configured.isPresent()) {
            return new Resolved(configured.get(), Origin.CONFIGURED, file);
        }
        try {
            if (Files.isRegularFile(file)) {
                return new Resolved(read(file), Origin.FILE, file);
            }
            Files.createDirectories(dataDir);
            try {
                AdminToken.createOwnerOnly(file);
            } catch (FileAlreadyExistsException raced) {
                return new Resolved(read(file), Origin.FILE, file);
            }
            String key = DataKeys.generate("demo", new SecureRandom());
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new Resolved(key, Origin.GENERATED, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the demo data key " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException(file + " is empty; delete it to have a new data key made");
        }
        return text;
    }
}
