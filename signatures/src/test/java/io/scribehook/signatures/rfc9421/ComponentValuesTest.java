package io.scribehook.signatures.rfc9421;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scribehook.signatures.HttpFields;
import io.scribehook.signatures.HttpMessage;
import io.scribehook.signatures.HttpResponseMessage;
import io.scribehook.signatures.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Component values from the examples of RFC 9421 sections 2.1 and 2.2. */
class ComponentValuesTest {
    static final HttpMessage FIELDS = new HttpMessage(
            "GET",
            "/",
            HttpFields.builder()
                    .add("Host", "www.example.com")
                    .add("Date", "Tue, 20 Apr 2021 02:07:56 GMT")
                    .add("X-OWS-Header", "   Leading and trailing whitespace.   ")
                    .add("X-Obs-Fold-Header", "Obsolete\r\n    line folding.")
                    .add("Cache-Control", "max-age=60")
                    .add("Cache-Control", "   must-revalidate")
                    .add("Example-Dict", " a=1,    b=2;x=1;y=2,   c=(a   b   c)")
                    .add("X-Empty-Header", "")
                    .add("Example-Header", "value, with, lots")
                    .add("Example-Header", "of, commas")
                    .add("Example-Single", "value, with, lots, of, commas")
                    .add("Example-Dict2", "a=1, b=2;x=1;y=2, c=(a   b    c), d")
                    .build(),
            null);

    static String value(HttpMessage m, ComponentId id) throws HttpSignatureException {
        return ComponentValues.value(MessageContext.of(m), id, new RequestTarget[1]);
    }

    static String value(ComponentId id) throws HttpSignatureException {
        return value(FIELDS, id);
    }

    @Test
    void fields_are_trimmed_unfolded_and_combined() throws Exception {
        assertThat(value(ComponentId.field("Host"))).isEqualTo("www.example.com");
        assertThat(value(ComponentId.field("x-ows-header"))).isEqualTo("Leading and trailing whitespace.");
        assertThat(value(ComponentId.field("x-obs-fold-header"))).isEqualTo("Obsolete line folding.");
        assertThat(value(ComponentId.field("cache-control"))).isEqualTo("max-age=60, must-revalidate");
        assertThat(value(ComponentId.field("example-dict"))).isEqualTo("a=1,    b=2;x=1;y=2,   c=(a   b   c)");
        assertThat(value(ComponentId.field("x-empty-header"))).isEmpty();
    }

    @Test
    void sf_key_and_bs_parameters() throws Exception {
        assertThat(value(ComponentId.field("example-dict").sf())).isEqualTo("a=1, b=2;x=1;y=2, c=(a b c)");
        assertThat(value(ComponentId.field("example-dict2").key("a"))).isEqualTo("1");
        assertThat(value(ComponentId.field("example-dict2").key("d"))).isEqualTo("?1");
        assertThat(value(ComponentId.field("example-dict2").key("b"))).isEqualTo("2;x=1;y=2");
        assertThat(value(ComponentId.field("example-dict2").key("c"))).isEqualTo("(a b c)");
        assertThat(value(ComponentId.field("example-header").bs()))
                .isEqualTo(":dmFsdWUsIHdpdGgsIGxvdHM=:, :b2YsIGNvbW1hcw==:");
        assertThat(value(ComponentId.field("example-single").bs()))
                .isEqualTo(":dmFsdWUsIHdpdGgsIGxvdHMsIG9mLCBjb21tYXM=:");
        assertThat(ComponentId.field("example-dict").sf().serialize()).isEqualTo("\"example-dict\";sf");
    }

    @Test
    void field_errors_are_specific() {
        assertThatThrownBy(() -> value(ComponentId.field("x-absent")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(ComponentId.field("example-dict2").key("zz")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(ComponentId.field("date").key("a")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(ComponentId.field("example-dict").bs().sf()))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE_INPUT));
        assertThatThrownBy(() -> value(ComponentId.field("date").tr()))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(ComponentId.field("date").req()))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE_INPUT));
        assertThatThrownBy(() -> value(ComponentId.STATUS))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(ComponentId.of("@unknown")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(ComponentId.METHOD.sf()))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE_INPUT));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "@method|POST",
                "@target-uri|https://www.example.com/path?param=value",
                "@authority|www.example.com",
                "@scheme|https",
                "@request-target|/path?param=value",
                "@path|/path",
                "@query|?param=value",
            })
    void derived_components(String name, String expected) throws Exception {
        HttpMessage m = new HttpMessage("POST", "/path?param=value", HttpFields.of("Host", "www.example.com"), null);
        assertThat(value(m, ComponentId.of(name))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://WWW.Example.com:443/p?q|www.example.com|/p|?q|https",
                "http://example.com:80|example.com|/|?|http",
                "http://example.com:8080/a%2Fb?|example.com:8080|/a%2Fb|?|http",
                "HTTPS://[::1]:443/x#frag|[::1]|/x|?|https",
                "https://example.com:8443/?a=b|example.com:8443|/|?a=b|https",
            })
    void absolute_targets(String target, String authority, String path, String query, String scheme) throws Exception {
        HttpMessage m = new HttpMessage("GET", target, HttpFields.empty(), null);
        assertThat(value(m, ComponentId.AUTHORITY)).isEqualTo(authority);
        assertThat(value(m, ComponentId.PATH)).isEqualTo(path);
        assertThat(value(m, ComponentId.QUERY)).isEqualTo(query);
        assertThat(value(m, ComponentId.SCHEME)).isEqualTo(scheme);
    }

    @Test
    void origin_form_uses_host_and_default_scheme() throws Exception {
        HttpMessage m = new HttpMessage("OPTIONS", "*", HttpFields.of("Host", "Example.COM:443"), null);
        assertThat(value(m, ComponentId.REQUEST_TARGET)).isEqualTo("*");
        assertThat(value(m, ComponentId.AUTHORITY)).isEqualTo("example.com");
        MessageContext http = MessageContext.of(new HttpMessage("GET", "/x", HttpFields.of("Host", "h:80"), null))
                .withDefaultScheme("http");
        assertThat(ComponentValues.value(http, ComponentId.TARGET_URI, new RequestTarget[1]))
                .isEqualTo("http://h:80/x");
        assertThat(ComponentValues.value(http, ComponentId.AUTHORITY, new RequestTarget[1]))
                .isEqualTo("h");
        assertThatThrownBy(() -> value(new HttpMessage("GET", "/x", HttpFields.empty(), null), ComponentId.AUTHORITY))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
    }

    @Test
    void query_parameters_are_decoded_and_re_encoded() throws Exception {
        HttpMessage m = new HttpMessage(
                "GET",
                "/parameters?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something&qux=&dup=1&dup=2",
                HttpFields.of("Host", "example.com"),
                null);
        assertThat(value(m, ComponentId.queryParam("var"))).isEqualTo("this%20is%20a%20big%0Amultiline%20value");
        assertThat(value(m, ComponentId.queryParam("bar"))).isEqualTo("with%20plus%20whitespace");
        assertThat(value(m, ComponentId.queryParam("fa%C3%A7ade%22%3A%20"))).isEqualTo("something");
        assertThat(value(m, ComponentId.queryParam("qux"))).isEmpty();
        assertThatThrownBy(() -> value(m, ComponentId.queryParam("dup")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(m, ComponentId.queryParam("absent")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        assertThatThrownBy(() -> value(m, ComponentId.of("@query-param")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE_INPUT));
    }

    @Test
    void response_components_and_req() throws Exception {
        HttpMessage request = new HttpMessage("POST", "/foo", HttpFields.of("Host", "example.com", "X-Req", "r"), null);
        HttpResponseMessage response = new HttpResponseMessage(503, HttpFields.of("X-Req", "s"), null);
        MessageContext ctx = MessageContext.of(response, request);
        assertThat(ComponentValues.value(ctx, ComponentId.STATUS, new RequestTarget[1]))
                .isEqualTo("503");
        assertThat(ComponentValues.value(ctx, ComponentId.METHOD.req(), new RequestTarget[1]))
                .isEqualTo("POST");
        assertThat(ComponentValues.value(ctx, ComponentId.field("x-req"), new RequestTarget[1]))
                .isEqualTo("s");
        assertThat(ComponentValues.value(ctx, ComponentId.field("x-req").req(), new RequestTarget[1]))
                .isEqualTo("r");
        assertThatThrownBy(() -> ComponentValues.value(ctx, ComponentId.METHOD, new RequestTarget[1]))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
    }

    @Test
    void values_with_line_breaks_are_refused() {
        HttpMessage m = new HttpMessage("GET", "/", HttpFields.of("X-Bad", "a\nb"), null);
        assertThatThrownBy(() -> value(m, ComponentId.field("x-bad")))
                .isInstanceOfSatisfying(
                        HttpSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COMPONENT_MISSING));
        HttpMessage method = new HttpMessage("GET\n", "/", HttpFields.empty(), null);
        assertThatThrownBy(() -> value(method, ComponentId.METHOD)).isInstanceOf(HttpSignatureException.class);
    }
}
