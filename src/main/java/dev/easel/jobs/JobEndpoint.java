package dev.easel.jobs;

import dev.easel.api.RunpodClient;

/** The endpoint jobs go to: a client for it, its name for people, and its price per GPU-second. */
public record JobEndpoint(String name, RunpodClient client, double pricePerSecond) {
    public String endpointId() {
        return client.endpointId();
    }
}
