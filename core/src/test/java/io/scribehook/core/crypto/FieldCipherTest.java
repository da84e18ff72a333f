package io.scribehook.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String k1 = DataKeys.generate("k1", RANDOM);
    private final String k2 = DataKeys.generate("k2", RANDOM);
    private final FieldCipher cipher = new FieldCipher(DataKeys.parse(k1));
    private final FieldCipher.Place row7 = new FieldCipher.Place("scribe_notes", "7", "note_text");

    @Test
    void samePlaintextGivesDifferentCiphertextsThatBothDecrypt() {
        String a = cipher.encrypt("Patient reports knee pain.", row7);
        String b = cipher.encrypt("Patient reports knee pain.", row7);
        assertThat(a).isNotEqualTo(b).startsWith("enc1:k1:").doesNotContain("knee");
        assertThat(cipher.decrypt(a, row7)).isEqualTo("Patient reports knee pain.");
        assertThat(cipher.decrypt(b, row7)).isEqualTo("Patient reports knee pain.");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrColumnDoesNotDecrypt() {
        String a = cipher.encrypt("secret", row7);
        assertThatThrownBy(() -> cipher.decrypt(a, new FieldCipher.Place("scribe_notes", "8", "note_text")))
                .isInstanceOf(FieldCipher.UndecryptableException.class)
                .hasMessageContaining("row 8")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> cipher.decrypt(a, new FieldCipher.Place("scribe_notes", "7", "other")))
                .isInstanceOf(FieldCipher.UndecryptableException.class);
        assertThatThrownBy(() -> cipher.decrypt(a, new FieldCipher.Place("scribe_turns", "7", "note_text")))
                .isInstanceOf(FieldCipher.UndecryptableException.class);
    }

    @Test
    void alteredValuesAndUnknownKeysAreRefused() {
        String a = cipher.encrypt("secret", row7);
        int i = a.length() - 10; // inside the sealed bytes: a final base64 digit may carry only ignored bits
        String altered = a.substring(0, i) + (a.charAt(i) == 'A' ? 'B' : 'A') + a.substring(i + 1);
        assertThatThrownBy(() -> cipher.decrypt(altered, row7)).isInstanceOf(FieldCipher.UndecryptableException.class);
        FieldCipher other = new FieldCipher(DataKeys.parse(k2));
        assertThatThrownBy(() -> other.decrypt(a, row7))
                .isInstanceOf(FieldCipher.UndecryptableException.class)
                .hasMessageContaining("needs data key k1");
        assertThatThrownBy(() -> cipher.decrypt("plain text", row7))
                .isInstanceOf(FieldCipher.UndecryptableException.class)
                .hasMessageNotContaining("plain text");
    }

    @Test
    void oldKeysStillDecryptAfterANewKeyBecomesCurrent() {
        String old = cipher.encrypt("secret", row7);
        FieldCipher rotated = new FieldCipher(DataKeys.parse(k2 + "," + k1));
        assertThat(rotated.needsRotation(old)).isTrue();
        assertThat(rotated.decrypt(old, row7)).isEqualTo("secret");
        String fresh = rotated.encrypt("secret", row7);
        assertThat(FieldCipher.keyIdOf(fresh)).isEqualTo("k2");
        assertThat(rotated.needsRotation(fresh)).isFalse();
        assertThat(cipher.encrypt(null, row7)).isNull();
    }

    @Test
    void badConfigurationIsExplainedWithoutShowingKeys() {
        assertThatThrownBy(() -> DataKeys.parse("c2VjcmV0c2VjcmV0c2VjcmV0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 has no key id");
        assertThatThrownBy(() -> DataKeys.parse("k1:c2VjcmV0"))
                .hasMessageContaining("6 bytes")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> DataKeys.parse(k1 + "," + k1)).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> DataKeys.parse("k1:!!!")).hasMessageContaining("not valid base64");
        DataKeys keys = DataKeys.parse(k2 + ", " + k1);
        assertThat(keys.currentId()).isEqualTo("k2");
        assertThat(keys.ids()).containsExactly("k2", "k1");
        assertThat(keys.toString()).doesNotContain(k1.substring(3));
    }
}
