package io.scribehook.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBodyIsTheConventionalShapeWithEveryCharacterEscaped() throws Exception {
        String message = "quote \" backslash \\ newline \n tab \t nul \u0000 accent é snowman \u2603";
        JsonNode body = JSON.readTree(new ApiException(422, "odd_input", message).body());
        assertThat(body.propertyStream().map(e -> e.getKey()).toList()).containsExactly("error", "message");
        assertThat(body.get("error").asText()).isEqualTo("odd_input");
        assertThat(body.get("message").asText()).isEqualTo(message);
    }

    @Test
    void itCarriesNoStackTraceSoRefusingIsCheap() {
        assertThat(ApiException.invalidRequest("x").getStackTrace()).isEmpty();
    }

    @Test
    void statusAndCodeAreChecked() {
        assertThatThrownBy(() -> new ApiException(200, "ok", "fine")).hasMessageContaining("200");
        assertThatThrownBy(() -> new ApiException(400, "Bad Request", "x")).hasMessageContaining("lower_snake_case");
        assertThatThrownBy(() -> new ApiException(400, "bad", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void headersAreAddedWithoutChangingTheOriginal() {
        ApiException plain = new ApiException(503, "store_unavailable", "later");
        ApiException withRetry = plain.withHeader("Retry-After", "5");
        assertThat(plain.headers()).isEmpty();
        assertThat(withRetry.headers()).containsEntry("Retry-After", "5");
        assertThat(withRetry.status()).isEqualTo(503);
        assertThat(withRetry.code()).isEqualTo("store_unavailable");
        assertThat(withRetry.getMessage()).isEqualTo("later");
    }

    @Test
    void aBodyThatTimedOutIs408AndAnyOtherReadFailureIs400IncompleteBody() {
        ApiException timeout = ApiException.bodyNotReceived(
                new IOException(new TimeoutException("Idle timeout expired: 1000/1000 ms")));
        assertThat(timeout.status()).isEqualTo(408);
        assertThat(timeout.code()).isEqualTo("request_timeout");
        ApiException early = ApiException.bodyNotReceived(new EOFException("Early EOF"));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.code()).isEqualTo("incomplete_body");
        assertThat(early.getMessage()).doesNotContain("Early EOF");
    }

    @Test
    void statusesWithoutARouteCodeGetTheirDefault() {
        assertThat(ApiException.forStatus(431, "x").code()).isEqualTo("header_too_large");
        assertThat(ApiException.forStatus(505, "x").code()).isEqualTo("http_version_not_supported");
        assertThat(ApiException.forStatus(418, "x").code()).isEqualTo("http_418");
    }
}
