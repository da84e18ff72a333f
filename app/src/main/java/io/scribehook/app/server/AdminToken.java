package io.scribehook.app.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer token for the admin API: configured, or read from {@code DATA_DIR/admin-token}, or
 * generated there on first start (mode 0600). Compared in constant time; never logged.
 */
public final class AdminToken {
    public static final String FILE_NAME = "admin-token";
    private final byte[] token;
    private final boolean generated;

    private AdminToken(String token, boolean generated) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
    }

    public static AdminToken resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return new AdminToken(configured.get(), false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Optional<String> existing = read(file);
            if (existing.isPresent()) {
                return new AdminToken(existing.get(), false);
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String fresh = "shk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.createDirectories(dataDir);
            createOwnerOnly(file);
            Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new AdminToken(fresh, true);
        } catch (FileAlreadyExistsException raced) {
            return new AdminToken(read(file).orElseThrow(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
        }
    }

    /**
     * Creates {@code file} readable and writable by its owner alone (mode 0600 where the file system
     * has POSIX permissions), for secrets kept in the data dir.
     *
     * @throws FileAlreadyExistsException when another process created it first
     */
    public static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /** The token as written in the data dir, for CLI commands that call the running server. */
    public static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String t = Files.readString(file, StandardCharsets.UTF_8).trim();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token file " + file, e);
        }
    }

    /** Whether this start created the token (it is then printed once on stdout). */
    public boolean generated() {
        return generated;
    }

    /** The token text, only for printing once at generation. */
    public String reveal() {
        return new String(token, StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
