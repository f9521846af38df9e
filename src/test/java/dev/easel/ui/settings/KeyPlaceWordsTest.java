package dev.easel.ui.settings;

import dev.easel.settings.SecretStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings package says where the keys are; the Settings page words it. */
class KeyPlaceWordsTest {

    @Test
    void eachPlaceHasItsWords() {
        assertThat(ConnectionTestModel.where(new SecretStore.Place.Keychain())).isEqualTo("the system keychain");
        assertThat(ConnectionTestModel.where(new SecretStore.Place.PrivateFile(Path.of("/home/a/.easel/keys.json"))))
                .isEqualTo("a file only you can read (/home/a/.easel/keys.json)");
    }
}
