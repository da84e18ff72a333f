package io.scribehook.app.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image's first layer, in place of a base image pulled from a registry: the merged-/usr
 * directory tree, the C library files copied from this machine, a user {@code scribehook}
 * ({@link ImageTarball#UID}) and its writable {@code /data}, and {@code /tmp} (SQLite's JDBC driver
 * unpacks its native library there).
 */
final class BaseLayer {
    private BaseLayer() {}

    static void write(TarWriter t, Platform platform) throws IOException {
        int uid = ImageTarball.UID;
        t.directory("app", 0755, 0, 0);
        t.symlink("bin", "usr/bin");
        t.directory("data", 0750, uid, uid);
        t.directory("dev", 0755, 0, 0);
        t.directory("etc", 0755, 0, 0);
        t.file("etc/group", 0644, 0, 0, text("root:x:0:\nscribehook:x:" + uid + ":\n"));
        t.file("etc/nsswitch.conf", 0644, 0, 0, text("hosts: files dns\n"));
        t.file(
                "etc/passwd",
                0644,
                0,
                0,
                text("root:x:0:0:root:/root:/sbin/nologin\nscribehook:x:" + uid + ":" + uid
                        + ":Scribehook:/data:/sbin/nologin\n"));
        t.symlink("lib", "usr/lib");
        if (platform.architecture().equals("amd64")) {
            t.symlink("lib64", "usr/lib64");
        }
        t.directory("opt", 0755, 0, 0);
        t.directory("proc", 0555, 0, 0);
        t.directory("root", 0700, 0, 0);
        t.directory("sys", 0555, 0, 0);
        t.directory("tmp", 01777, 0, 0);
        t.directory("usr", 0755, 0, 0);
        t.directory("usr/bin", 0755, 0, 0);
        t.directory("usr/lib", 0755, 0, 0);
        String libDir = "usr/lib/" + platform.libDir();
        t.directory(libDir, 0755, 0, 0);
        for (String lib : platform.libraries()) {
            t.file(libDir + "/" + lib, 0755, 0, 0, hostLibrary(platform, lib));
        }
        if (platform.architecture().equals("amd64")) {
            t.directory("usr/lib64", 0755, 0, 0);
            t.symlink(platform.loaderLink(), "../lib/" + platform.libDir() + "/" + platform.loader());
        } else {
            t.symlink(platform.loaderLink(), platform.libDir() + "/" + platform.loader());
        }
    }

    /** The file behind a library name on this machine (symbolic links followed). */
    private static Path hostLibrary(Platform platform, String name) throws IOException {
        for (String dir : new String[] {"/usr/lib/", "/lib/"}) {
            Path p = Path.of(dir + platform.libDir(), name);
            if (Files.exists(p)) {
                return p.toRealPath();
            }
        }
        throw new IOException("the C library file " + name + " is not in /usr/lib/" + platform.libDir()
                + " on this machine: the image is built on Debian or Ubuntu (glibc, multiarch layout)");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
