package dev.easel.api;

import java.util.List;

/**
 * A Runpod account's management API (REST v2, {@code https://api.runpod.io/v2}), with the same key as the queue API:
 * its serverless endpoints, their workers and logs, the GPU catalog, the serverless bill, network volumes. Every call
 * blocks (call it off the FX thread) and fails with a {@link RunpodException} whose sentence says what to do.
 */
public interface RunpodAccount extends AutoCloseable {

    /** Every serverless endpoint of the account. */
    List<AccountEndpoint> endpoints();

    AccountEndpoint endpoint(String id);

    /** Creates an endpoint; sent once (never again unless it surely never left), as a second would cost a second. */
    AccountEndpoint create(EndpointDraft draft);

    /** Changes the fields given, returns the endpoint as it is now. */
    AccountEndpoint update(String id, EndpointChange change);

    /** Deletes the endpoint, its workers and its queued jobs; a repeat of a delete that went through is not an error. */
    void delete(String id);

    /** The endpoint's active workers. */
    EndpointWorkers workers(String id);

    /**
     * A worker's log as it is written (server-sent events), beginning with its last {@code tail} lines, or after
     * {@code lastEventId} when one is given (resuming a stream).
     */
    LogStream logs(String endpointId, String workerId, int tail, String lastEventId);

    /** The GPU types with their serverless pool, price and availability, for serverless. */
    List<GpuType> gpus();

    BillingReport billing(BillingQuery query);

    List<NetworkVolume> networkVolumes();

    @Override
    void close();
}
