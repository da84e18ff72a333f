package io.scribehook.app.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a POSIX ustar archive: directories, regular files and symbolic links, each with an
 * explicit mode, owner and a fixed modification time (so the same input gives the same bytes).
 * Names are relative ({@code opt/java/bin/java}); a name longer than 100 bytes is split into the
 * ustar prefix, up to 255 bytes in all.
 */
final class TarWriter implements AutoCloseable {
    /** 2000-01-01T00:00:00Z: a fixed time for every entry (0 upsets some tools). */
    static final long MTIME = 946_684_800L;

    private static final int BLOCK = 512;
    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String name, int mode, int uid, int gid) throws IOException {
        header(name.endsWith("/") ? name : name + "/", mode, uid, gid, 0, '5', "");
    }

    void symlink(String name, String target) throws IOException {
        header(name, 0777, 0, 0, 0, '2', target);
    }

    void file(String name, int mode, int uid, int gid, byte[] content) throws IOException {
        header(name, mode, uid, gid, content.length, '0', "");
        out.write(content);
        pad(content.length);
    }

    void file(String name, int mode, int uid, int gid, Path source) throws IOException {
        long size = Files.size(source);
        header(name, mode, uid, gid, size, '0', "");
        try (InputStream in = Files.newInputStream(source)) {
            long copied = in.transferTo(out);
            if (copied != size) {
                throw new IOException(source + " changed while it was archived");
            }
        }
        pad(size);
    }

    /** Ends the archive (two zero blocks) without closing the stream beneath. */
    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private void header(String name, int mode, int uid, int gid, long size, char type, String link) throws IOException {
        byte[] h = new byte[BLOCK];
        String prefix = "";
        String rest = name;
        if (bytes(name).length > 100) {
            int cut = name.lastIndexOf('/', Math.min(name.length() - 2, 155));
            while (cut > 0
                    && (bytes(name.substring(0, cut)).length > 155 || bytes(name.substring(cut + 1)).length > 100)) {
                cut = name.lastIndexOf('/', cut - 1);
            }
            if (cut <= 0) {
                throw new IOException("name too long for a ustar archive: " + name);
            }
            prefix = name.substring(0, cut);
            rest = name.substring(cut + 1);
        }
        if (bytes(link).length > 100) {
            throw new IOException("link target too long for a ustar archive: " + link);
        }
        put(h, 0, 100, bytes(rest));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, MTIME);
        h[156] = (byte) type;
        put(h, 157, 100, bytes(link));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 265, 32, bytes(uid == 0 ? "root" : ""));
        put(h, 297, 32, bytes(gid == 0 ? "root" : ""));
        put(h, 345, 155, bytes(prefix));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] check = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(check, 0, h, 148, 8);
        out.write(h);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(byte[] h, int at, int length, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(length, value.length));
    }

    private static void octal(byte[] h, int at, int length, long value) {
        String s = String.format("%0" + (length - 1) + "o", value);
        if (s.length() > length - 1) {
            throw new IllegalArgumentException("value too large for a ustar field: " + value);
        }
        put(h, at, length, (s + "\0").getBytes(StandardCharsets.US_ASCII));
    }
}
