package io.scribehook.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one writer of the error body shape of CONVENTIONS.md: {@code {"error": code, "message": text}}. */
final class ErrorBody {
    private static final JsonFactory JSON = new JsonFactory();

    private ErrorBody() {}

    static byte[] json(String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + code.length() + message.length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", code);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an error body to memory", e);
        }
        return out.toByteArray();
    }
}
