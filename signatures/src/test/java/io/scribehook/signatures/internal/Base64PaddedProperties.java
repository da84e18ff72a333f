package io.scribehook.signatures.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Base64PaddedProperties {
    @Property(tries = 1000)
    void decodes_what_the_jdk_encodes(@ForAll byte[] bytes) {
        String s = Base64.getEncoder().encodeToString(bytes);
        byte[] decoded = Base64Padded.decode("x" + s + "y", 1, s.length() + 1);
        if (bytes.length == 0) {
            assertThat(decoded).isNull();
        } else {
            assertThat(decoded).isEqualTo(bytes);
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings()
                .withChars("AQgw+/=ab9Z\u00e9-_ :")
                .ofMinLength(1)
                .ofMaxLength(16);
    }

    @Property(tries = 2000)
    void never_accepts_what_the_jdk_rejects_and_agrees_when_it_accepts(@ForAll("noise") String s) {
        byte[] mine = Base64Padded.decode(s, 0, s.length());
        if (mine == null) {
            return;
        }
        assertThat(Base64.getDecoder().decode(s)).isEqualTo(mine);
    }
}
