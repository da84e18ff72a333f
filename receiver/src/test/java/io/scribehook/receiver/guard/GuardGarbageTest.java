package io.scribehook.receiver.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random garbage: parsers either succeed or throw {@link IllegalArgumentException}; the
 * resolver never throws, and an untrusted peer is always its own client whatever its headers say.
 */
class GuardGarbageTest {
    private static final String ALPHABET = "0123456789abcdefABCDEF:.,;/[]\"\\=_ -%forFORunknwxyz\u0000é١";
    private static final String[] PIECES = {
        "for=",
        "\"",
        "[",
        "]",
        ":",
        "::",
        ",",
        ";",
        "1.2.3.4",
        "10.0.0.1",
        "2001:db8::1",
        "::ffff:",
        "unknown",
        "_x",
        ":4711",
        " ",
        "proto=https",
        "by=",
        "/8",
        "/129",
        "255",
        "256"
    };

    private static String garbage(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            } else {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    @Test
    void parsersOnlyEverThrowIllegalArgument() {
        Random random = new Random(1234L);
        for (int i = 0; i < 50_000; i++) {
            String s = garbage(random);
            try {
                Cidr c = Cidr.parse(s);
                assertThat(Cidr.parse(c.toString())).isEqualTo(c);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).contains("10.0.0.0/8");
            }
            try {
                IpAllowList.parse(s);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            IpLiteral.tryParse(s)
                    .ifPresent(a ->
                            assertThat(IpLiteral.parse(IpLiteral.format(a))).isEqualTo(a));
        }
    }

    @Test
    void theResolverNeverThrows() {
        Random random = new Random(99L);
        ClientAddressResolver r = ClientAddressResolver.parse("10.0.0.0/8, 2001:db8::/32");
        InetAddress[] peers = {IpLiteral.parse("10.0.0.1"), IpLiteral.parse("2001:db8::9"), IpLiteral.parse("8.8.8.8")};
        for (int i = 0; i < 50_000; i++) {
            InetAddress peer = peers[random.nextInt(peers.length)];
            List<String> xff =
                    random.nextBoolean() ? List.of(garbage(random)) : List.of(garbage(random), garbage(random));
            List<String> fwd = random.nextInt(3) == 0 ? List.of(garbage(random)) : List.of();
            Resolution res = r.resolve(peer, xff, fwd);
            assertThat(res).isNotNull();
            if (res instanceof Resolution.Resolved(InetAddress client) && !r.isTrusted(peer)) {
                assertThat(client).isEqualTo(peer);
            }
        }
    }
}
