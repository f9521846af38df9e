package dev.easel.ui.settings;

import dev.easel.api.HealthResponse;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.api.RunpodException;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.SecretStore;
import dev.easel.settings.Secrets;
import dev.easel.text.Messages;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Part of the Settings view model. Test connection: asks the endpoint's {@code /health} with the key a job would use;
 * and where keys are kept, in words.
 */
final class ConnectionTestModel {

    private ConnectionTestModel() {
    }

    /** Off the FX thread: what {@code /health} says, or why it could not be asked. */
    static String run(EndpointProfile p, String typedKey, Secrets secrets) {
        try {
            // as a job would: the typed key, else the environment's, else the stored one
            String key = !typedKey.isEmpty() ? typedKey : secrets.apiKey(p).orElse("");
            if (key.isEmpty()) {
                return Messages.get("settings.enterKeyFirst");
            }
            RunpodConfig config = RunpodConfig.of(URI.create(p.baseUrl()), p.endpointId(), key)
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(15));
            try (OkHttpRunpodClient client = new OkHttpRunpodClient(config)) {
                return describe(client.health());
            }
        } catch (RunpodException | SecretStore.SecretException e) {
            return Messages.of(e);
        }
    }

    static String describe(HealthResponse h) {
        String workers = Messages.get("settings.connected", h.idleWorkers(), h.runningWorkers(),
                h.worker("initializing"), h.inQueue(), h.inProgress());
        return h.idleWorkers() == 0 && h.worker("ready") == 0
                ? workers + " " + Messages.get("settings.noIdleWorker") : workers;
    }

    /** Whether a key is stored for a profile, and Settings' sentence about it. */
    record KeyStatus(boolean stored, String said) { }

    /** Off the FX thread: whether the profile's key is stored, and where; the environment's key goes first. */
    static KeyStatus keyStatus(EndpointProfile p, Secrets secrets) {
        boolean has;
        try {
            has = secrets.store().get(p.id()).isPresent();
        } catch (SecretStore.SecretException e) {
            has = false;
        }
        String stored = has ? Messages.get("settings.keyStored", where(secrets.store().place()))
                : Messages.get("settings.noKeyStoredYet");
        // jobs take the environment's key over the stored one: Settings says so rather than "no key"
        return new KeyStatus(has, secrets.overriddenByEnvironment()
                ? Messages.get("settings.keyFromEnvironment", Secrets.ENV) + " " + stored : stored);
    }

    /** Where the keys are, in words. */
    static String where(SecretStore.Place place) {
        return switch (place) {
            case SecretStore.Place.Keychain k -> Messages.get("settings.keys.keychain");
            case SecretStore.Place.PrivateFile(Path file) -> Messages.get("settings.keys.file", file.toString());
        };
    }
}
