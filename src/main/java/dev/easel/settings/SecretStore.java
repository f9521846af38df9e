package dev.easel.settings;

import java.util.Optional;

/** Where API keys live, by profile id. Keys never go anywhere else but the Authorization header. */
public interface SecretStore {

    Optional<String> get(String profileId) throws SecretException;

    void put(String profileId, String secret) throws SecretException;

    void delete(String profileId) throws SecretException;

    /** Where keys are kept, in words for the Settings page ("the system keychain", "a private file"). */
    String describe();

    /** A secret store that failed, with a message for the user (never containing the secret). */
    final class SecretException extends Exception {
        public SecretException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
