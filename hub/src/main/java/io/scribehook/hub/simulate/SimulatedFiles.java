package io.scribehook.hub.simulate;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.scribehook.core.http.ApiException;
import io.scribehook.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The simulator's stand-in for Zoom's file server: {@code GET /hub/simulator/files/{id}} answers a
 * stored file to a request with {@code Authorization: Bearer <download token>} (compared as SHA-256
 * digests, in constant time); a wrong or missing token is {@code 401 auth_invalid}, an unknown file
 * {@code 404}.
 */
public final class SimulatedFiles implements Handler {
    /** The route; {@code {id}} is the file id. */
    public static final String PATH = "/hub/simulator/files/{id}";

    private static final ApiException REFUSED =
            new ApiException(401, "auth_invalid", "send Authorization: Bearer <download_token> of this file");
    private final Database db;

    public SimulatedFiles(Database db) {
        this.db = db;
    }

    /** Stores a file under {@code id}, readable with {@code token}. */
    public static void store(Handle h, String id, String token, String contentType, String content, Instant now) {
        h.createUpdate("INSERT INTO hub_simulated_files (id, token_sha256, content_type, content, created_at) "
                        + "VALUES (:id, :t, :ct, :c, :now)")
                .bind("id", id)
                .bind("t", HexFormat.of().formatHex(sha256(token)))
                .bind("ct", contentType)
                .bind("c", content)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private record Stored(byte[] tokenHash, String contentType, String content) {}

    @Override
    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Stored> file = db.withHandle(h -> h.createQuery(
                        "SELECT token_sha256, content_type, content FROM hub_simulated_files WHERE id = :id")
                .bind("id", id)
                .map((rs, c) -> new Stored(HexFormat.of().parseHex(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .findOne());
        if (file.isEmpty()) {
            throw ApiException.notFound("no simulated file " + id);
        }
        String auth = ctx.header("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).strip()
                : "";
        if (!MessageDigest.isEqual(file.get().tokenHash(), sha256(token))) {
            throw REFUSED;
        }
        ctx.status(200).contentType(file.get().contentType()).result(file.get().content());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
