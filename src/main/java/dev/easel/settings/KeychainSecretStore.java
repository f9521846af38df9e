package dev.easel.settings;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.easel.text.Text;

import java.util.Optional;

/** Keys in the operating system's keychain (macOS Keychain, Windows Credential Manager, Secret Service). */
public final class KeychainSecretStore implements SecretStore {

    private static final String SERVICE = "Easel (Runpod API key)";
    private final Keyring keyring;

    private KeychainSecretStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The keychain when one answers, else empty (headless Linux without a Secret Service, say). */
    public static Optional<SecretStore> open() {
        try {
            Keyring k = Keyring.create();
            try {
                k.getPassword(SERVICE, "__probe__");
            } catch (PasswordAccessException notFound) {
                // answering "not found" is fine: the keychain works
            }
            return Optional.of(new KeychainSecretStore(k));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> get(String profileId) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, profileId));
        } catch (PasswordAccessException notFound) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String profileId, String secret) throws SecretException {
        try {
            keyring.setPassword(SERVICE, profileId, secret);
        } catch (PasswordAccessException e) {
            throw new SecretException(Text.of("settings.keychain.refused"), null);
        }
    }

    @Override
    public void delete(String profileId) throws SecretException {
        try {
            keyring.deletePassword(SERVICE, profileId);
        } catch (PasswordAccessException notThere) {
            // nothing to delete
        }
    }

    @Override
    public Place place() {
        return new Place.Keychain();
    }
}
