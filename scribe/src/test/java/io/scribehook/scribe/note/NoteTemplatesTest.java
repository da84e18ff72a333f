package io.scribehook.scribe.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteTemplatesTest {

    @Test
    void hpHasTheSectionsOfAciBenchReferenceNotes() {
        NoteTemplate hp = NoteTemplates.builtIn("hp");
        assertEquals(
                List.of(
                        "CHIEF COMPLAINT",
                        "HISTORY OF PRESENT ILLNESS",
                        "REVIEW OF SYSTEMS",
                        "PHYSICAL EXAMINATION",
                        "RESULTS",
                        "ASSESSMENT AND PLAN"),
                hp.sections().stream().map(TemplateSection::title).toList());
    }

    @Test
    void soapPlacesEverySlotOnce() {
        NoteTemplate soap = NoteTemplates.builtIn("soap");
        List<NoteSlot> slots =
                soap.sections().stream().flatMap(s -> s.slots().stream()).toList();
        assertEquals(List.of(NoteSlot.values()).size(), slots.size());
        assertEquals(java.util.Set.of(NoteSlot.values()), java.util.Set.copyOf(slots));
    }

    @Test
    void aUserTemplateFileIsLoadedByPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("short.json");
        Files.writeString(file, """
                {"id": "short", "sections": [{"title": "Plan", "slots": ["plan", "follow_up"]}]}
                """);
        NoteTemplate t = NoteTemplates.load(file.toString());
        assertEquals("short", t.id());
        assertEquals(
                List.of(NoteSlot.PLAN, NoteSlot.FOLLOW_UP), t.sections().get(0).slots());
    }

    @Test
    void anUnknownSlotIsNamedWithThoseThatExist() {
        String json = "{\"id\":\"x\",\"sections\":[{\"title\":\"A\",\"slots\":[\"diagnosis\"]}]}";
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> NoteTemplates.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json"));
        assertTrue(e.getMessage().contains("sections[0].slots: unknown slot 'diagnosis'"), e.getMessage());
        assertTrue(e.getMessage().contains("follow_up"), e.getMessage());
    }

    @Test
    void anUnknownTemplateNamesTheBuiltIns() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NoteTemplates.load("no-such-template"));
        assertTrue(e.getMessage().contains("hp, soap"), e.getMessage());
    }
}
