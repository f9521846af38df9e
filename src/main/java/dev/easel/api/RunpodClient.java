package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;

/**
 * The Runpod Serverless queue API of one endpoint. Calls block; every failure is a {@link RunpodException}.
 * Status, health, cancel and downloads retry transient failures themselves; {@code run} never resends a request
 * that may have reached the server ({@link RunpodException.Kind#SUBMISSION_UNKNOWN}).
 */
public interface RunpodClient extends AutoCloseable {

    /** Runpod's limit on a {@code /run} body. */
    long RUN_LIMIT_BYTES = 10_000_000L;
    /** Runpod's limit on a {@code /runsync} body. */
    long RUNSYNC_LIMIT_BYTES = 20_000_000L;

    /** POST /run: queues a job with this {@code input} object. */
    JobRef run(JsonNode input, RunPolicy policy);

    /**
     * POST /runsync, waiting up to {@code wait} on the server; when the answer is not terminal, polls
     * /status every {@code pollInterval} until it is, or until {@code deadline} has passed (then it returns the
     * last, unfinished, status).
     */
    StatusResponse runSync(JsonNode input, RunPolicy policy, Duration wait, Duration pollInterval, Duration deadline);

    /** GET /status/{id}. */
    StatusResponse status(String jobId);

    /** POST /cancel/{id}. */
    JobRef cancel(String jobId);

    /** POST /retry/{id}: re-queues a FAILED or TIMED_OUT job that Runpod still keeps. */
    JobRef retry(String jobId);

    /** POST /purge-queue: removes queued jobs; running ones go on. */
    PurgeResponse purgeQueue();

    /** GET /health. */
    HealthResponse health();

    /** Downloads an image URL of an output ({@code s3_url}) without the API key. */
    byte[] download(URI url);

    /** The endpoint this client talks to, for messages and logs. */
    String endpointId();

    @Override
    void close();
}
