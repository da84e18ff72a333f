package io.scribehook.signatures.sf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StructuredFieldsProperties {
    @Provide
    Arbitrary<String> keys() {
        return Combinators.combine(
                        Arbitraries.chars().range('a', 'z').with('*'),
                        Arbitraries.strings().withChars("abcxyz019_-.*").ofMaxLength(6))
                .as((c, s) -> c + s);
    }

    @Provide
    Arbitrary<BareItem> bareItems() {
        return Arbitraries.oneOf(
                Arbitraries.longs()
                        .between(-999_999_999_999_999L, 999_999_999_999_999L)
                        .map(BareItem.Int::new),
                Arbitraries.longs()
                        .between(-999_999_999_999L, 999_999_999_999L)
                        .flatMap(i -> Arbitraries.integers()
                                .between(0, 999)
                                .map(f -> (BareItem) new BareItem.Dec(new BigDecimal(i)
                                        .add(new BigDecimal(f)
                                                .movePointLeft(3)
                                                .multiply(BigDecimal.valueOf(i < 0 ? -1 : 1))))))
                        .map(b -> b),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).map(BareItem.Str::new),
                Combinators.combine(
                                Arbitraries.chars().alpha(),
                                Arbitraries.strings()
                                        .withChars("abcXYZ09!#$%&'*+-.^_`|~:/")
                                        .ofMaxLength(8))
                        .as((c, s) -> (BareItem) new BareItem.Token(c + s)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(BareItem.Bytes::new),
                Arbitraries.of(BareItem.Bool.TRUE, BareItem.Bool.FALSE),
                Arbitraries.longs()
                        .between(-999_999_999_999_999L, 999_999_999_999_999L)
                        .map(BareItem.SfDate::new),
                Arbitraries.strings()
                        .ofMaxLength(10)
                        .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)))
                        .map(BareItem.DisplayStr::new));
    }

    Arbitrary<Parameters> parameters() {
        return Arbitraries.maps(keys(), bareItems()).ofMaxSize(3).map(m -> Parameters.of(new LinkedHashMap<>(m)));
    }

    Arbitrary<Item> items() {
        return Combinators.combine(bareItems(), parameters()).as(Item::new);
    }

    Arbitrary<ListMember> members() {
        return Arbitraries.oneOf(
                items().map(i -> i),
                Combinators.combine(items().list().ofMaxSize(4), parameters())
                        .as((l, p) -> (ListMember) new InnerList(l, p)));
    }

    @Provide
    Arbitrary<Dictionary> dictionaries() {
        return Arbitraries.maps(keys(), members()).ofMaxSize(5).map(m -> Dictionary.of(new LinkedHashMap<>(m)));
    }

    @Property(tries = 500)
    void serialised_dictionaries_parse_back_to_equal_values(@ForAll("dictionaries") Dictionary d) throws Exception {
        String s = StructuredFields.serialize(d);
        Dictionary parsed = StructuredFields.parseDictionary(s);
        assertThat(StructuredFields.serialize(parsed)).isEqualTo(s);
        assertThat(parsed).isEqualTo(d);
    }

    @Property(tries = 300)
    void lists_round_trip(@ForAll("dictionaries") Dictionary d) throws Exception {
        SfList list = new SfList(new ArrayList<>(d.asMap().values()));
        String s = StructuredFields.serialize(list);
        assertThat(StructuredFields.serialize(StructuredFields.parseList(s))).isEqualTo(s);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings()
                .withChars("abz*AZ019\"\\():;=,?@%-. \t_/+é\u0001")
                .ofMaxLength(40);
    }

    @Property(tries = 1500)
    void arbitrary_text_parses_or_fails_cleanly(@ForAll("noise") String s) {
        List<Class<?>> thrown = new ArrayList<>();
        for (int kind = 0; kind < 3; kind++) {
            try {
                switch (kind) {
                    case 0 -> StructuredFields.serialize(StructuredFields.parseDictionary(s));
                    case 1 -> StructuredFields.serialize(StructuredFields.parseList(s));
                    default -> StructuredFields.serialize(StructuredFields.parseItem(s));
                }
            } catch (SfParseException expected) {
                thrown.add(expected.getClass());
            }
        }
        assertThat(thrown).allMatch(c -> c == SfParseException.class);
    }

    @Provide
    Arbitrary<String> signatureInputLike() {
        Arbitrary<String> piece = Arbitraries.of(
                "sig1=",
                "sig2=",
                "(",
                ")",
                " ",
                "  ",
                "\"@method\"",
                "\"content-type\"",
                ";",
                "; ",
                ";sf",
                ";sf=?1",
                ";key=\"a\"",
                "created=",
                "1618884473",
                "01",
                "-0",
                "0",
                "1.5",
                ";keyid=\"k\\\"1\"",
                ";alg=\"hmac-sha256\"",
                ":AAAA:",
                ":AAA:",
                ", ",
                ",",
                "?0",
                "?1",
                "tok",
                "%\"a%20b\"",
                "@12",
                ";x;x=2",
                "\t");
        return piece.list().ofMaxSize(14).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void canonical_text_is_exactly_the_serialisation(@ForAll("signatureInputLike") String s) {
        Dictionary d;
        try {
            d = StructuredFields.parseDictionary(s);
        } catch (SfParseException e) {
            return;
        }
        for (String key : d.keys()) {
            String text = d.canonicalText(key);
            if (text != null) {
                assertThat(text).isEqualTo(StructuredFields.serialize(d.get(key)));
            }
        }
    }

    @Property(tries = 300)
    void canonical_text_is_found_for_serialised_inner_lists(@ForAll("dictionaries") Dictionary d) throws Exception {
        Dictionary parsed = StructuredFields.parseDictionary(StructuredFields.serialize(d));
        for (String key : parsed.keys()) {
            if (parsed.get(key) instanceof InnerList list
                    && list.items().stream()
                            .noneMatch(i -> i.value() instanceof BareItem.Bytes
                                    || i.value() instanceof BareItem.Dec
                                    || i.value() instanceof BareItem.DisplayStr)
                    && list.params().asMap().values().stream()
                            .noneMatch(v -> v instanceof BareItem.Bytes
                                    || v instanceof BareItem.Dec
                                    || v instanceof BareItem.DisplayStr)
                    && list.items().stream()
                            .allMatch(i -> i.params().asMap().values().stream()
                                    .noneMatch(v -> v instanceof BareItem.Bytes
                                            || v instanceof BareItem.Dec
                                            || v instanceof BareItem.DisplayStr))) {
                assertThat(parsed.canonicalText(key)).isEqualTo(StructuredFields.serialize(list));
            }
        }
    }
}
