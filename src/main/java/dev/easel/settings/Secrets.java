package dev.easel.settings;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API key for a profile: {@code RUNPOD_API_KEY} from the environment wins, then the keychain (or its
 * owner-only file fallback).
 */
public final class Secrets {

    public static final String ENV = "RUNPOD_API_KEY";

    private final Supplier<SecretStore> opener;
    private final Map<String, String> env;
    private SecretStore store;

    public Secrets(SecretStore store, Map<String, String> env) {
        this(() -> store, env);
    }

    /** With a store opened on first need (the keychain is only looked for when a key must come from it). */
    Secrets(Supplier<SecretStore> opener, Map<String, String> env) {
        this.opener = opener;
        this.env = env;
    }

    /**
     * The keychain when available, else a private file in the config folder; opened when first needed (finding the
     * keychain means talking to the desktop's secret service: the demo endpoint's key and the environment's don't).
     */
    public static Secrets platform(AppFolders folders) {
        return new Secrets(() -> KeychainSecretStore.open()
                .orElseGet(() -> new FileSecretStore(folders.config().resolve("secrets.json"))), System.getenv());
    }

    /** The key for a (non-demo) profile. */
    public Optional<String> apiKey(EndpointProfile profile) throws SecretStore.SecretException {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank() && !profile.demo()) {
            return Optional.of(fromEnv.strip());
        }
        return profile.demo() ? Optional.of("demo") : store().get(profile.id());
    }

    /** The key {@code RUNPOD_API_KEY} holds, if it holds one. */
    public Optional<String> environmentKey() {
        String v = env.get(ENV);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** True when the environment overrides what Settings holds. */
    public boolean overriddenByEnvironment() {
        String v = env.get(ENV);
        return v != null && !v.isBlank();
    }

    public synchronized SecretStore store() {
        if (store == null) {
            store = opener.get();
        }
        return store;
    }
}
