package io.scribehook.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyTest {
    private static final String CANARY = "s3cr3t-CANARY-8c1f";

    @Test
    void anObjectIsRead() {
        assertThat(JsonBody.object("{\"secret\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                        .get("secret")
                        .asText())
                .isEqualTo("x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "bare secret            | s3cr3t-CANARY-8c1f                         | body is not valid JSON: unexpected character at line 1 column 1",
                "truncated              | {\"secret\": \"s3cr3t-CANARY-8c1f          | body is not valid JSON: it ends early at line 1 column 31",
                "unquoted value         | {\"secret\": s3cr3t-CANARY-8c1f}           | body is not valid JSON: unexpected character at line 1 column 12",
                "array                  | [\"s3cr3t-CANARY-8c1f\"]                   | body must be a JSON object, not an array",
                "string                 | \"s3cr3t-CANARY-8c1f\"                     | body must be a JSON object, not a string",
                "repeated key           | {\"s\": \"s3cr3t-CANARY-8c1f\", \"s\": 1}    | body is not valid JSON: a key appears twice in one object at line 1 column 32",
                "two values             | {\"s\": 1} \"s3cr3t-CANARY-8c1f\"           | body holds more than one JSON value at line 1 column 10",
                "empty                  | ``                                         | body is empty; send a JSON object",
                "whitespace             | `   `                                      | body is empty; send a JSON object",
            })
    void anythingElseIs400MalformedJsonNamingTheProblemButNotTheContent(String what, String body, String message) {
        ApiException e =
                catchThrowableOfType(ApiException.class, () -> JsonBody.object(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("malformed_json");
        assertThat(e.getMessage()).isEqualTo(message).doesNotContain("CANARY");
    }

    @Test
    void invalidUtf8IsNamedAsSuch() {
        byte[] body = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ApiException e = catchThrowableOfType(ApiException.class, () -> JsonBody.object(body));
        assertThat(e.getMessage()).startsWith("body is not valid UTF-8");
    }
}
