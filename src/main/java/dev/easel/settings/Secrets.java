package dev.easel.settings;

import java.util.Map;
import java.util.Optional;

/**
 * The API key for a profile: {@code RUNPOD_API_KEY} from the environment wins, then the keychain (or its
 * owner-only file fallback).
 */
public final class Secrets {

    public static final String ENV = "RUNPOD_API_KEY";

    private final SecretStore store;
    private final Map<String, String> env;

    public Secrets(SecretStore store, Map<String, String> env) {
        this.store = store;
        this.env = env;
    }

    /** The keychain when available, else a private file in the config folder. */
    public static Secrets platform(AppFolders folders) {
        SecretStore store = KeychainSecretStore.open()
                .orElseGet(() -> new FileSecretStore(folders.config().resolve("secrets.json")));
        return new Secrets(store, System.getenv());
    }

    /** The key for a (non-demo) profile. */
    public Optional<String> apiKey(EndpointProfile profile) throws SecretStore.SecretException {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank() && !profile.demo()) {
            return Optional.of(fromEnv.strip());
        }
        return profile.demo() ? Optional.of("demo") : store.get(profile.id());
    }

    /** True when the environment overrides what Settings holds. */
    public boolean overriddenByEnvironment() {
        String v = env.get(ENV);
        return v != null && !v.isBlank();
    }

    public SecretStore store() {
        return store;
    }
}
