package io.scribehook.scribe.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void quotedFieldsHoldCommasLineBreaksAndDoubledQuotes() {
        List<List<String>> rows = CsvReader.read("a,b,c\r\n1,\"x, \"\"y\"\"\r\nz\",3\r\n");

        assertThat(rows).containsExactly(List.of("a", "b", "c"), List.of("1", "x, \"y\"\r\nz", "3"));
    }

    @Test
    void emptyFieldsLfAndCrEndingsBomAndNoTrailingBreak() {
        List<List<String>> rows = CsvReader.read("\uFEFFa,,c\n,\rlast,\"\"");

        assertThat(rows).containsExactly(List.of("a", "", "c"), List.of("", ""), List.of("last", ""));
    }

    @Test
    void emptyInputHasNoRecords() {
        assertThat(CsvReader.read("")).isEmpty();
    }

    @Test
    void unclosedQuoteNamesTheLineItOpenedOn() {
        assertThatThrownBy(() -> CsvReader.read("a,b\n1,\"never\nclosed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unclosed quoted field opened on line 2");
    }
}
