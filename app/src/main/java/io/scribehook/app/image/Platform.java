package io.scribehook.app.image;

import java.util.List;

/**
 * The machine the image is built for, which is the one building it: the C library files come from
 * here. {@code architecture} is the OCI name; {@code libDir} the Debian multiarch directory.
 */
record Platform(String architecture, String libDir, String loader) {
    /** The C library files the runtime, its launcher and SQLite's native library link against. */
    List<String> libraries() {
        return List.of(
                loader, "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libgcc_s.so.1");
    }

    static Platform current() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> new Platform("amd64", "x86_64-linux-gnu", "ld-linux-x86-64.so.2");
            case "aarch64", "arm64" -> new Platform("arm64", "aarch64-linux-gnu", "ld-linux-aarch64.so.1");
            default -> throw new IllegalStateException("no image layout for the architecture " + arch);
        };
    }

    /** Where the program loader is looked for: {@code /lib64/...} on amd64, {@code /lib/...} on arm64. */
    String loaderLink() {
        return architecture.equals("amd64") ? "usr/lib64/" + loader : "usr/lib/" + loader;
    }
}
