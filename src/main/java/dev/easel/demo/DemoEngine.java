package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The demo endpoint's job queue, like Runpod's with worker-comfyui behind it: queue delay, cancel, retry, purge,
 * retention and ttl, the status and health answers; its simulated GPU workers are {@link DemoWorker}s.
 */
final class DemoEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoEngine.class);
    static final long DEFAULT_EXECUTION_TIMEOUT_MS = 600_000;
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    enum WorkerState { COLD, INITIALIZING, IDLE, RUNNING }

    final DemoConfig config;
    private final ObjectMapper json = new ObjectMapper();
    final DemoRenderer renderer = new DemoRenderer();
    final WorkflowCheck check;
    final DemoOutputs outputs;
    final Map<String, DemoJob> jobs = new ConcurrentHashMap<>();
    final LinkedBlockingDeque<DemoJob> queue = new LinkedBlockingDeque<>();
    /** The simulated workers' states, ids, logs, and which endpoint each serves. */
    final DemoFleet fleet;
    /** The account side (REST v2): endpoints' worker limits, the bill. */
    final DemoAccount account;
    private final List<Thread> workerThreads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final RandomGenerator random;
    private volatile Faults faults;
    volatile boolean running = true;

    DemoEngine(DemoConfig config) {
        this.config = config;
        this.check = new WorkflowCheck(config.models());
        this.outputs = new DemoOutputs(config);
        this.faults = config.faults();
        this.random = new SplittableRandom(config.faultSeed());
        this.fleet = new DemoFleet(config.workers(), config.coldStart().isZero() ? WorkerState.IDLE : WorkerState.COLD);
        this.account = new DemoAccount(this);
        for (int i = 0; i < config.workers(); i++) {
            Thread t = Thread.ofPlatform().daemon().name("demo-worker-" + i).start(new DemoWorker(this, i));
            workerThreads.add(t);
        }
    }

    void setS3UrlMaker(Function<String, String> maker) {
        outputs.setS3UrlMaker(maker);
    }

    void setFaults(Faults f) {
        this.faults = f;
    }

    Faults faults() {
        return faults;
    }

    /** A fair coin with probability p, from the seeded fault dice. */
    synchronized boolean roll(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    // ---- operations -------------------------------------------------------------------------------

    /** How many jobs each workflow (by the hash of its JSON) created: lets a test tell a job sent twice. */
    private final Map<String, Integer> submissions = new ConcurrentHashMap<>();

    int submissionsOf(JsonNode workflow) {
        return submissions.getOrDefault(workflowKey(workflow), 0);
    }

    private static String workflowKey(JsonNode workflow) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(workflow).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    DemoJob submit(String endpointId, JsonNode input, boolean sync, Duration ttl, long executionTimeoutMs,
                   boolean lowPriority) {
        sweep();
        submissions.merge(workflowKey(input.get("workflow")), 1, Integer::sum);
        String id = (sync ? "sync-" : "") + UUID.randomUUID() + "-e1";
        DemoJob job = new DemoJob(id, endpointId, sync, input, ttl.toNanos(), executionTimeoutMs, System.nanoTime());
        job.lowPriority = lowPriority;
        jobs.put(id, job);
        queue.add(job);
        log.debug("demo job {} queued", id);
        return job;
    }

    /** The job, or null when unknown or expired. */
    DemoJob find(String id) {
        sweep();
        return jobs.get(id);
    }

    DemoJob cancel(String id) {
        DemoJob job = find(id);
        if (job == null) {
            return null;
        }
        synchronized (job) {
            if (!job.state.terminal()) {
                queue.remove(job);
                // A running worker-comfyui job keeps its GPU busy until the graph ends; only the status changes.
                finish(job, DemoJob.State.CANCELLED, null, null);
            }
        }
        return job;
    }

    /**
     * Re-queues a FAILED or TIMED_OUT job. Returns null when the job is unknown; otherwise the state it was in
     * when asked (so FAILED or TIMED_OUT means it was re-queued: a worker may already have taken it since).
     */
    DemoJob.State retry(String id) {
        DemoJob job = find(id);
        if (job == null) {
            return null;
        }
        synchronized (job) {
            DemoJob.State was = job.state;
            if (was != DemoJob.State.FAILED && was != DemoJob.State.TIMED_OUT) {
                return was;
            }
            job.state = DemoJob.State.IN_QUEUE;
            job.generation++;
            job.output = null;
            job.error = null;
            job.workerId = null;
            job.progress = 0;
            job.submittedAt = System.nanoTime();
            job.startedAt = 0;
            job.finishedAt = 0;
            job.done = new CompletableFuture<>();
            retried.incrementAndGet();
            queue.add(job);
            return was;
        }
    }

    int purgeQueue() {
        int removed = 0;
        for (DemoJob job : jobs.values()) {
            synchronized (job) {
                if (job.state == DemoJob.State.IN_QUEUE) {
                    queue.remove(job);
                    jobs.remove(job.id);
                    job.done.complete(null);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Waits up to {@code wait} for the job to end. */
    void await(DemoJob job, Duration wait) {
        CompletableFuture<Void> f;
        synchronized (job) {
            f = job.done;
        }
        try {
            f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not finished: the caller answers with the current state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] s3Object(String path) {
        return outputs.s3Object(path);
    }

    // ---- answers ----------------------------------------------------------------------------------

    /** The status body, field for field as Runpod sends it (see the fixtures). */
    ObjectNode statusJson(DemoJob job) {
        synchronized (job) {
            ObjectNode n = json.createObjectNode();
            long now = System.nanoTime();
            switch (job.state) {
                case IN_QUEUE, CANCELLED, TIMED_OUT -> {
                    n.put("id", job.id);
                    n.put("status", job.state.name());
                }
                case IN_PROGRESS -> {
                    n.put("delayTime", millis(job.startedAt - job.submittedAt));
                    if (config.sendProgress()) {
                        n.put("executionTime", millis(now - job.startedAt));
                    }
                    n.put("id", job.id);
                    n.put("status", job.state.name());
                    n.put("workerId", job.workerId);
                    if (config.sendProgress() && job.totalSteps > 0) {
                        ObjectNode p = n.putObject("output");
                        p.put("type", "progress");
                        p.put("value", job.progress);
                        p.put("max", job.totalSteps);
                        p.put("percent", Math.round(1000.0 * job.progress / job.totalSteps) / 10.0);
                        p.put("node", job.progressNode);
                    }
                }
                case COMPLETED, FAILED -> {
                    n.put("delayTime", millis(job.startedAt - job.submittedAt));
                    n.put("executionTime", millis(job.finishedAt - job.startedAt));
                    n.put("id", job.id);
                    n.put("status", job.state.name());
                    n.put("workerId", job.workerId);
                    if (job.output != null) {
                        n.set("output", job.output);
                    }
                    if (job.error != null) {
                        n.put("error", job.error);
                    }
                }
            }
            return n;
        }
    }

    /**
     * The /health answer of one endpoint: the jobs are all the demo's, the workers those it may use (none while its
     * max workers is 0 or GPUs are throttled, as on Runpod).
     */
    ObjectNode healthJson(String endpointId) {
        ObjectNode n = healthJson();
        if (account.maxWorkers(endpointId) == 0 || account.throttled()) {
            ObjectNode w = (ObjectNode) n.path("workers");
            w.properties().forEach(kv -> w.put(kv.getKey(), 0));
            if (account.throttled()) {
                w.put("throttled", 1);
            }
        }
        return n;
    }

    ObjectNode healthJson() {
        sweep();
        long inQueue = 0;
        long inProgress = 0;
        for (DemoJob j : jobs.values()) {
            synchronized (j) {
                if (j.state == DemoJob.State.IN_QUEUE) {
                    inQueue++;
                } else if (j.state == DemoJob.State.IN_PROGRESS) {
                    inProgress++;
                }
            }
        }
        int[] byState = fleet.counts();
        int idle = byState[WorkerState.IDLE.ordinal()];
        int initializing = byState[WorkerState.INITIALIZING.ordinal()];
        int busy = byState[WorkerState.RUNNING.ordinal()];
        ObjectNode n = json.createObjectNode();
        ObjectNode j = n.putObject("jobs");
        j.put("completed", completed.get());
        j.put("failed", failed.get());
        j.put("inProgress", inProgress);
        j.put("inQueue", inQueue);
        j.put("retried", retried.get());
        ObjectNode w = n.putObject("workers");
        w.put("idle", idle);
        w.put("initializing", initializing);
        w.put("ready", idle);
        w.put("running", busy);
        w.put("throttled", 0);
        w.put("unhealthy", 0);
        return n;
    }

    // ---- the workers' side -------------------------------------------------------------------------

    void complete(DemoJob job, int generation, DemoJob.State state, ObjectNode output, String error) {
        synchronized (job) {
            if (job.generation != generation || job.state != DemoJob.State.IN_PROGRESS || jobs.get(job.id) != job) {
                return;
            }
            finish(job, state, output, error);
        }
    }

    /** The one place a job reaches a terminal state. Call with the job's monitor held. */
    private void finish(DemoJob job, DemoJob.State state, ObjectNode output, String error) {
        job.state = state;
        job.output = output;
        job.error = error;
        job.finishedAt = System.nanoTime();
        if (job.startedAt == 0) {
            job.startedAt = job.finishedAt;
        }
        if (state == DemoJob.State.COMPLETED) {
            completed.incrementAndGet();
        } else if (state == DemoJob.State.FAILED || state == DemoJob.State.TIMED_OUT) {
            failed.incrementAndGet();
        }
        job.done.complete(null);
    }

    /** Drops results past retention and jobs past their ttl; both then answer 404. */
    private void sweep() {
        long now = System.nanoTime();
        for (DemoJob job : jobs.values()) {
            synchronized (job) {
                Duration keep = job.sync ? config.syncRetention() : config.retention();
                boolean expired = job.state.terminal() && now - job.finishedAt > keep.toNanos();
                boolean pastTtl = now - job.submittedAt > job.ttlNanos;
                if (expired || pastTtl) {
                    jobs.remove(job.id);
                    queue.remove(job);
                    job.done.complete(null);
                }
            }
        }
    }

    /** Cancels the queued and running jobs sent to one endpoint (it was deleted). */
    void cancelJobsOf(String endpointId) {
        for (DemoJob job : List.copyOf(jobs.values())) {
            if (job.endpointId.equals(endpointId)) {
                cancel(job.id);
            }
        }
    }

    /** How many jobs sent to an endpoint wait in the queue. */
    int queuedFor(String endpointId) {
        return (int) queue.stream().filter(j -> j.endpointId.equals(endpointId)).count();
    }

    private static long millis(long nanos) {
        return Math.max(0, nanos / 1_000_000L);
    }

    @Override
    public void close() {
        running = false;
        workerThreads.forEach(Thread::interrupt);
        for (Thread t : workerThreads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
