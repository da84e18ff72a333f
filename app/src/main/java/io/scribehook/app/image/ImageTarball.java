package io.scribehook.app.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Builds Scribehook's container image as an archive, without a container engine or registry:
 * {@code java -cp scribehook.jar io.scribehook.app.image.ImageTarball --jar scribehook.jar --out
 * scribehook-image.tar [--tag 0.1.0]}. The archive is an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}) that also carries Docker's {@code manifest.json},
 * so both {@code docker load} and {@code podman load} take it.
 *
 * <p>Three gzip layers, each reproducible (fixed times, sorted entries):
 *
 * <ol>
 *   <li>base: the C library files the Java runtime and SQLite's native library link against,
 *       taken from this (Debian) machine; {@code /etc/passwd} with the user {@code scribehook}
 *       (10001); {@code /tmp}; {@code /data} owned by that user.
 *   <li>runtime: a Java runtime cut down by {@code jlink} to {@link #MODULES}, at {@code /opt/java}.
 *   <li>app: the jar at {@code /app/scribehook.jar}.
 * </ol>
 *
 * <p>The configuration: user 10001, {@code /data} a volume and {@code SCRIBEHOOK_DATA_DIR},
 * listening on {@code 0.0.0.0:8080} (exposed), entrypoint {@code java ... -jar
 * /app/scribehook.jar} with command {@code serve}, and a health check running {@link Readyz}.
 */
public final class ImageTarball {
    /** The JDK modules the app uses ({@code jdeps --print-module-deps} on the jar, plus logging and XML). */
    static final List<String> MODULES = List.of(
            "java.base",
            "java.desktop",
            "java.instrument",
            "java.logging",
            "java.naming",
            "java.net.http",
            "java.rmi",
            "java.security.jgss",
            "java.sql",
            "java.xml",
            "jdk.jfr",
            "jdk.management",
            "jdk.unsupported",
            "jdk.zipfs");

    static final int UID = 10001;
    static final String JAVA = "/opt/java/bin/java";
    static final String JAR = "/app/scribehook.jar";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

    private ImageTarball() {}

    /** What was built. */
    public record Built(Path archive, String manifestDigest, long bytes) {}

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        if (!a.containsKey("--jar") || !a.containsKey("--out")) {
            System.err.println("usage: ImageTarball --jar scribehook.jar --out scribehook-image.tar [--tag TAG]");
            System.exit(2);
        }
        long start = System.nanoTime();
        Built b = build(Path.of(a.get("--jar")), Path.of(a.get("--out")), a.getOrDefault("--tag", "latest"));
        System.out.printf(
                "image %s (%s, %d MB) in %.1f s%n",
                b.archive(), b.manifestDigest(), b.bytes() >> 20, (System.nanoTime() - start) / 1e9);
    }

    /** Builds the image of {@code jar} into {@code out}, tagged {@code scribehook:tag}. */
    public static Built build(Path jar, Path out, String tag) throws IOException {
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), "image-");
        try {
            Path runtime = jlink(work.resolve("runtime"));
            Path blobs = work.resolve("blobs");
            Files.createDirectories(blobs);
            List<Blob> layers = List.of(
                    layer(blobs, t -> BaseLayer.write(t, Platform.current())),
                    layer(blobs, t -> writeTree(t, runtime, "opt/java")),
                    layer(blobs, t -> {
                        t.directory("app", 0755, 0, 0);
                        t.file("app/scribehook.jar", 0644, 0, 0, jar);
                    }));
            Blob config = blob(blobs, JSON.writeValueAsBytes(config(layers, Platform.current())));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.put("config", descriptor("application/vnd.oci.image.config.v1+json", config));
            manifest.put(
                    "layers",
                    layers.stream().map(l -> descriptor(LAYER_TYPE, l)).toList());
            Blob manifestBlob = blob(blobs, JSON.writeValueAsBytes(manifest));

            Map<String, Object> ref = descriptor("application/vnd.oci.image.manifest.v1+json", manifestBlob);
            ref.put(
                    "annotations",
                    Map.of("org.opencontainers.image.ref.name", tag, "io.containerd.image.name", "scribehook:" + tag));
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("schemaVersion", 2);
            index.put("mediaType", "application/vnd.oci.image.index.v1+json");
            index.put("manifests", List.of(ref));
            Map<String, Object> docker = new LinkedHashMap<>();
            docker.put("Config", "blobs/sha256/" + config.hex());
            docker.put("RepoTags", List.of("scribehook:" + tag));
            docker.put(
                    "Layers",
                    layers.stream().map(l -> "blobs/sha256/" + l.hex()).toList());

            Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                    TarWriter t = new TarWriter(os)) {
                t.file("oci-layout", 0644, 0, 0, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
                t.file("index.json", 0644, 0, 0, JSON.writeValueAsBytes(index));
                t.file("manifest.json", 0644, 0, 0, JSON.writeValueAsBytes(List.of(docker)));
                t.directory("blobs", 0755, 0, 0);
                t.directory("blobs/sha256", 0755, 0, 0);
                List<Blob> all = new ArrayList<>(layers);
                all.add(config);
                all.add(manifestBlob);
                for (Blob b : all) {
                    t.file("blobs/sha256/" + b.hex(), 0644, 0, 0, blobs.resolve(b.hex()));
                }
            }
            return new Built(out, manifestBlob.digest(), Files.size(out));
        } finally {
            deleteTree(work);
        }
    }

    /** The image configuration (OCI, with Docker's {@code Healthcheck}, which the OCI spec leaves out). */
    static Map<String, Object> config(List<Blob> layers, Platform platform) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("User", UID + ":" + UID);
        c.put(
                "Env",
                List.of(
                        "PATH=/opt/java/bin:/usr/bin:/bin",
                        "JAVA_HOME=/opt/java",
                        "SCRIBEHOOK_DATA_DIR=/data",
                        "SCRIBEHOOK_HTTP_HOST=0.0.0.0",
                        "SCRIBEHOOK_HTTP_PORT=8080"));
        c.put(
                "Entrypoint",
                List.of(
                        JAVA,
                        "-XX:+UseSerialGC",
                        "-XX:MaxRAMPercentage=75",
                        "-XX:+ExitOnOutOfMemoryError",
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        JAR));
        c.put("Cmd", List.of("serve"));
        c.put("WorkingDir", "/data");
        c.put("ExposedPorts", Map.of("8080/tcp", Map.of()));
        c.put("Volumes", Map.of("/data", Map.of()));
        c.put("StopSignal", "SIGTERM");
        c.put(
                "Labels",
                Map.of(
                        "org.opencontainers.image.title", "scribehook",
                        "org.opencontainers.image.description",
                                "Webhooks for AI-scribe meeting events: receiver and hub"));
        Map<String, Object> health = new LinkedHashMap<>();
        health.put(
                "Test",
                List.of(
                        "CMD",
                        JAVA,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx32m",
                        "-cp",
                        JAR,
                        Readyz.class.getName()));
        health.put("Interval", 30_000_000_000L);
        health.put("Timeout", 10_000_000_000L);
        health.put("StartPeriod", 30_000_000_000L);
        health.put("Retries", 3);
        c.put("Healthcheck", health);

        Map<String, Object> image = new LinkedHashMap<>();
        image.put("created", "2000-01-01T00:00:00Z");
        image.put("architecture", platform.architecture());
        image.put("os", "linux");
        image.put("config", c);
        image.put(
                "rootfs",
                Map.of(
                        "type",
                        "layers",
                        "diff_ids",
                        layers.stream().map(Blob::diffId).toList()));
        image.put(
                "history",
                List.of(
                        Map.of("created_by", "scribehook ImageTarball: C library, users, /data", "comment", "base"),
                        Map.of("created_by", "jlink --add-modules " + String.join(",", MODULES), "comment", "runtime"),
                        Map.of("created_by", "scribehook.jar", "comment", "app")));
        return image;
    }

    /** A stored blob: its digest (of the stored bytes) and, for layers, the digest of the plain tar. */
    record Blob(String hex, long size, String diffId) {
        String digest() {
            return "sha256:" + hex;
        }
    }

    interface LayerContent {
        void write(TarWriter tar) throws IOException;
    }

    private static Map<String, Object> descriptor(String mediaType, Blob b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", b.digest());
        d.put("size", b.size());
        return d;
    }

    /** Writes a layer: tar, hashed before (diff id) and after gzip (blob digest). */
    private static Blob layer(Path blobs, LayerContent content) throws IOException {
        Path tmp = Files.createTempFile(blobs, "layer-", ".tmp");
        MessageDigest plain = sha256();
        MessageDigest stored = sha256();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                DigestOutputStream storedOut = new DigestOutputStream(file, stored);
                GZIPOutputStream gz = new FastGzip(storedOut);
                DigestOutputStream plainOut = new DigestOutputStream(gz, plain);
                TarWriter t = new TarWriter(plainOut)) {
            content.write(t);
        }
        String hex = HexFormat.of().formatHex(stored.digest());
        Files.move(tmp, blobs.resolve(hex));
        return new Blob(
                hex, Files.size(blobs.resolve(hex)), "sha256:" + HexFormat.of().formatHex(plain.digest()));
    }

    private static Blob blob(Path blobs, byte[] content) throws IOException {
        String hex = HexFormat.of().formatHex(sha256().digest(content));
        Files.write(blobs.resolve(hex), content);
        return new Blob(hex, content.length, null);
    }

    /** Adds {@code dir}'s tree under {@code into}, keeping executable bits and symbolic links. */
    private static void writeTree(TarWriter t, Path dir, String into) throws IOException {
        String[] parts = into.split("/");
        for (int i = 1; i <= parts.length; i++) {
            t.directory(String.join("/", List.of(parts).subList(0, i)), 0755, 0, 0);
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(p -> !p.equals(dir)).sorted().toList();
        }
        for (Path p : all) {
            String name = into + "/" + dir.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                t.symlink(name, Files.readSymbolicLink(p).toString());
            } else if (Files.isDirectory(p)) {
                t.directory(name, 0755, 0, 0);
            } else {
                t.file(name, Files.isExecutable(p) ? 0755 : 0644, 0, 0, p);
            }
        }
    }

    /** Links the runtime from the JDK running this (its {@code jlink}). */
    private static Path jlink(Path out) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IOException(
                        "no jlink in " + System.getProperty("java.home") + ": run this with a JDK, not a JRE"));
        StringWriter log = new StringWriter();
        PrintWriter w = new PrintWriter(log);
        int rc = jlink.run(
                w,
                w,
                "--add-modules",
                String.join(",", MODULES),
                "--strip-debug",
                "--no-man-pages",
                "--no-header-files",
                "--generate-cds-archive",
                "--compress=zip-6",
                "--output",
                out.toString());
        if (rc != 0) {
            throw new IOException("jlink failed (" + rc + "): " + log);
        }
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** gzip at speed 1: the layers are mostly already compressed (jar, jlink's zip-6 modules). */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
