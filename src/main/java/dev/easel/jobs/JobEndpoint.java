package dev.easel.jobs;

import dev.easel.api.RunpodClient;

/**
 * The endpoint jobs go to: a client for it, its name for people, and its price per GPU-second.
 *
 * @param inProcess the endpoint runs inside this Easel (the embedded demo): its jobs end when Easel stops
 */
public record JobEndpoint(String name, RunpodClient client, double pricePerSecond, boolean inProcess) {

    /** An endpoint outside this process (Runpod, or a demo served by another process). */
    public JobEndpoint(String name, RunpodClient client, double pricePerSecond) {
        this(name, client, pricePerSecond, false);
    }

    public String endpointId() {
        return client.endpointId();
    }
}
