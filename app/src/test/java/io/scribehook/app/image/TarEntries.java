package io.scribehook.app.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a ustar archive into memory (the test's own reader, independent of {@link TarWriter}). */
record TarEntries(List<Entry> entries) {

    record Entry(String name, int mode, int uid, int gid, char type, String link, byte[] content) {
        boolean isDirectory() {
            return type == '5';
        }
    }

    static TarEntries read(InputStream in) throws IOException {
        List<Entry> out = new ArrayList<>();
        while (true) {
            byte[] h = in.readNBytes(512);
            if (h.length < 512 || isZero(h)) {
                return new TarEntries(out);
            }
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
            }
            if (sum != octal(h, 148, 8)) {
                throw new IOException("bad header checksum");
            }
            String name = text(h, 0, 100);
            String prefix = text(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(h, 124, 12);
            byte[] content = in.readNBytes((int) size);
            long pad = (512 - size % 512) % 512;
            in.readNBytes((int) pad);
            out.add(new Entry(
                    name,
                    (int) octal(h, 100, 8),
                    (int) octal(h, 108, 8),
                    (int) octal(h, 116, 8),
                    (char) h[156],
                    text(h, 157, 100),
                    content));
        }
    }

    Entry get(String name) {
        return entries.stream()
                .filter(e -> e.name().equals(name) || e.name().equals(name + "/"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + name + " in the archive"));
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int at, int length) {
        int end = at;
        while (end < at + length && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int at, int length) {
        String s = text(h, at, length).strip();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
