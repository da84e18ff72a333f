package io.scribehook.signatures.sf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredFieldsTest {
    @Test
    void parses_a_signature_input_dictionary() throws Exception {
        Dictionary d = StructuredFields.parseDictionary(
                "sig1=(\"@method\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"k\", sig2=()");
        assertThat(d.keys()).containsExactly("sig1", "sig2");
        InnerList l = (InnerList) d.get("sig1");
        assertThat(l.items()).hasSize(2);
        assertThat(l.items().get(1).params().get("name")).isEqualTo(new BareItem.Str("Pet"));
        assertThat(l.params().get("created")).isEqualTo(new BareItem.Int(1618884473));
        assertThat(StructuredFields.serialize(d))
                .isEqualTo("sig1=(\"@method\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"k\", sig2=()");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // input | canonical serialisation
                "a=1,    b=2;x=1;y=2,   c=(a   b   c)|a=1, b=2;x=1;y=2, c=(a b c)",
                "a, b;x, c=?0|a, b;x, c=?0",
                "a=?1|a",
                "  a=1  |a=1",
                "a=1,\tb=2|a=1, b=2",
                "a=1, a=2|a=2",
                "a=\"q\\\"uote\\\\\"|a=\"q\\\"uote\\\\\"",
                "a=:aGVsbG8=:|a=:aGVsbG8=:",
                "a=:aGVsbG8:|a=:aGVsbG8=:",
                "a=-0.50|a=-0.5",
                "a=1.000|a=1.0",
                "a=@1659578233|a=@1659578233",
                "a=%\"f%c3%bc%c3%bc\"|a=%\"f%c3%bc%c3%bc\"",
                "a=*tok/en:x|a=*tok/en:x",
                "a=();p=1|a=();p=1",
                "a=( 1  2 )|a=(1 2)",
                "a;x=1;x=2|a;x=2",
            })
    void dictionaries_round_trip_to_canonical_form(String input, String canonical) throws Exception {
        Dictionary d = StructuredFields.parseDictionary(input);
        assertThat(StructuredFields.serialize(d)).isEqualTo(canonical);
        assertThat(StructuredFields.parseDictionary(canonical)).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a=1,",
                "a=1,,b=2",
                ",a=1",
                "A=1",
                "1a=1",
                "a=",
                "a=(1",
                "a=(1 2",
                "a=(1,2)",
                "a=\"unterminated",
                "a=\"bad\\escape\"",
                "a=\"tab\tinside\"",
                "a=:abc",
                "a=:a$b=:",
                "a=:A===:",
                "a=?2",
                "a=?",
                "a=1.",
                "a=1.2345",
                "a=1234567890123456",
                "a=1234567890123.1",
                "a=-",
                "a=--1",
                "a=@1.5",
                "a=@",
                "a=%\"%zz\"",
                "a=%\"%c3\"",
                "a=%\"x",
                "a=%x",
                "a=1;",
                "a=1;B=2",
                "a=1 b=2",
                "a=é",
                "a=1;x=(1)",
                "a=#",
                "a=(\"a\"\"b\")",
                "a=1\t,",
            })
    void malformed_dictionaries_fail_with_a_parse_exception(String input) {
        assertThatThrownBy(() -> StructuredFields.parseDictionary(input)).isInstanceOf(SfParseException.class);
    }

    @Test
    void empty_field_is_an_empty_dictionary_and_list() throws Exception {
        assertThat(StructuredFields.parseDictionary("").isEmpty()).isTrue();
        assertThat(StructuredFields.parseList("  ").members()).isEmpty();
        assertThatThrownBy(() -> StructuredFields.parseItem("")).isInstanceOf(SfParseException.class);
    }

    @Test
    void lists_and_items() throws Exception {
        SfList l = StructuredFields.parseList("sugar, tea, (\"a\" \"b\");q=1, 42");
        assertThat(l.members()).hasSize(4);
        assertThat(StructuredFields.serialize(l)).isEqualTo("sugar, tea, (\"a\" \"b\");q=1, 42");
        Item i = StructuredFields.parseItem("12.345;a=?0");
        assertThat(i.value()).isEqualTo(new BareItem.Dec(new BigDecimal("12.345")));
        assertThat(StructuredFields.serialize(i)).isEqualTo("12.345;a=?0");
        assertThatThrownBy(() -> StructuredFields.parseList("a=1")).isInstanceOf(SfParseException.class);
    }

    @Test
    void serialisation_rejects_unrepresentable_values() {
        assertThatThrownBy(() -> StructuredFields.serializeBareItem(new BareItem.Str("line\nbreak")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StructuredFields.serializeBareItem(new BareItem.Int(1_000_000_000_000_000L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StructuredFields.serializeBareItem(new BareItem.Token("1abc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StructuredFields.serialize(
                        new SfList(List.of(Item.of(new BareItem.Dec(new BigDecimal("1234567890123.5")))))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StructuredFields.serializeBareItem(new BareItem.Dec(new BigDecimal("0.0005"))))
                .isEqualTo("0.0");
        assertThat(StructuredFields.serializeBareItem(new BareItem.Dec(new BigDecimal("2.0015"))))
                .isEqualTo("2.002");
        assertThat(StructuredFields.serializeBareItem(new BareItem.DisplayStr("é\"%")))
                .isEqualTo("%\"%c3%a9%22%25\"");
    }

    @Test
    void parse_exceptions_carry_an_offset_and_do_not_echo_input() {
        assertThatThrownBy(() -> StructuredFields.parseDictionary("abc=secretvalue}"))
                .isInstanceOfSatisfying(SfParseException.class, e -> {
                    assertThat(e.offset()).isEqualTo(15);
                    assertThat(e.getMessage()).doesNotContain("secretvalue");
                });
    }
}
