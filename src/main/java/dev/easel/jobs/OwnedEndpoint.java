package dev.easel.jobs;

import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodClient;

/**
 * The endpoint the studio sends to, as its account manages it: the management API (workers, logs, scaling), the
 * queue API (for /health), the warm spell and the highest max workers seen.
 *
 * @param queue the studio's queue client: not closed here, it belongs to the job queue
 */
public record OwnedEndpoint(String endpointId, double pricePerSecond, RunpodAccount account, RunpodClient queue,
                            KeepWarm warm, EndpointMemory memory) implements AutoCloseable {

    @Override
    public void close() {
        account.close();
    }
}
