package dev.easel.settings;

import dev.easel.text.Explained;
import dev.easel.text.Text;

import java.nio.file.Path;

import java.util.Optional;

/** Where API keys live, by profile id. Keys never go anywhere else but the Authorization header. */
public interface SecretStore {

    Optional<String> get(String profileId) throws SecretException;

    void put(String profileId, String secret) throws SecretException;

    void delete(String profileId) throws SecretException;

    /** Where keys are kept: the Settings page says it. */
    Place place();

    /** Where a store keeps the keys. */
    sealed interface Place {
        /** The system's keychain (Secret Service, Keychain, Credential Manager). */
        record Keychain() implements Place { }

        /** A file only the user can read. */
        record PrivateFile(Path file) implements Place { }
    }

    /** A secret store that failed, with a message for the user (never containing the secret). */
    final class SecretException extends Exception implements Explained {
        private final transient Text text;

        public SecretException(Text text, Throwable cause) {
            super(text.toString(), cause);
            this.text = text;
        }

        @Override
        public Text text() {
            return text;
        }
    }
}
