package dev.easel.settings;

import java.util.List;
import java.util.UUID;

/**
 * One endpoint the user can send jobs to. The API key is not here: it lives in the {@link SecretStore}.
 *
 * @param id              stable id, also the key's name in the secret store
 * @param baseUrl         the queue API base ({@code https://api.runpod.ai/v2}); loopback URLs allowed for test servers
 * @param pricePerSecond  USD per GPU-second, for cost estimates
 * @param models          model files known to exist on the endpoint
 * @param demo            the embedded demo endpoint: its URL is known only at run time
 */
public record EndpointProfile(String id, String name, String endpointId, String baseUrl, double pricePerSecond,
                              List<String> models, String defaultTemplate, boolean demo) {

    public static final String RUNPOD = "https://api.runpod.ai/v2";

    public EndpointProfile {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** The built-in demo profile: its endpoint runs on the demo account's ADA_24 pool (an RTX 4090, $1.116/h). */
    public static EndpointProfile demoProfile() {
        return new EndpointProfile("demo", "Demo endpoint", "demo", "", 0.00031, List.of("flux1-dev-fp8.safetensors"),
                "flux1-dev-fp8", true);
    }

    /** A new Runpod profile; a 24 GB GPU (e.g. a 4090) costs about $0.00031/s on flex workers. */
    public static EndpointProfile runpod(String name, String endpointId) {
        return new EndpointProfile(UUID.randomUUID().toString(), name, endpointId, RUNPOD, 0.00031,
                List.of("flux1-dev-fp8.safetensors"), "flux1-dev-fp8", false);
    }
}
