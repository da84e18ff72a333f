package io.scribehook.app.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The container image's health check: {@code GET http://127.0.0.1:$SCRIBEHOOK_HTTP_PORT/readyz}
 * (port 8080 when unset); exit 0 on 200, 1 otherwise. A main class of its own, not a CLI command:
 * the image has no shell or curl, so the check runs the image's own Java with this class. It speaks
 * HTTP/1.1 over a plain socket (no HTTP client to start), so a check costs little CPU.
 */
public final class Readyz {
    private static final int TIMEOUT_MS = 5000;

    private Readyz() {}

    public static void main(String[] args) {
        System.exit(check(System.getenv("SCRIBEHOOK_HTTP_PORT")));
    }

    /** 0 when the server on this machine answers {@code /readyz} with 200 within 5 s, else 1. */
    static int check(String port) {
        String p = port == null || port.isBlank() ? "8080" : port.strip();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(p)), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:" + p + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = statusLine(s.getInputStream());
            if (status.startsWith("HTTP/1.1 200 ") || status.startsWith("HTTP/1.0 200 ")) {
                return 0;
            }
            System.err.println("readyz: " + status);
            return 1;
        } catch (IOException | NumberFormatException e) {
            System.err.println("readyz: no answer on port " + p);
            return 1;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < 200; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
