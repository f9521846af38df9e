package dev.easel.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The demo endpoint's job queue and simulated GPU workers: queue delay, an execution time that grows with
 * steps × pixels × batch, cancel, retry, purge, retention and ttl, like Runpod with worker-comfyui behind it.
 */
final class DemoEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoEngine.class);
    private static final double BASE_MS = 800;
    private static final double MS_PER_STEP_MEGAPIXEL = 400;
    private static final double VALIDATION_MS = 400;
    static final long DEFAULT_EXECUTION_TIMEOUT_MS = 600_000;
    static final Duration DEFAULT_TTL = Duration.ofHours(24);
    private static final int S3_OBJECTS_KEPT = 256;
    /** Input files every demo worker has, like ComfyUI's bundled example. */
    private static final Set<String> BUILT_IN_INPUTS = Set.of("example.png");

    private enum WorkerState { COLD, INITIALIZING, IDLE, RUNNING }

    private final DemoConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final DemoRenderer renderer = new DemoRenderer();
    private final WorkflowCheck check;
    private final Map<String, DemoJob> jobs = new ConcurrentHashMap<>();
    private final LinkedBlockingDeque<DemoJob> queue = new LinkedBlockingDeque<>();
    private final WorkerState[] workerStates;
    private final List<Thread> workerThreads = new ArrayList<>();
    private final Map<String, AtomicInteger> fileCounters = new ConcurrentHashMap<>();
    private final Map<String, byte[]> s3 = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > S3_OBJECTS_KEPT;
        }
    };
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final RandomGenerator random;
    private volatile Faults faults;
    private volatile Function<String, String> s3UrlMaker = path -> "http://127.0.0.1/" + path;
    private volatile boolean running = true;

    DemoEngine(DemoConfig config) {
        this.config = config;
        this.check = new WorkflowCheck(config.models());
        this.faults = config.faults();
        this.random = new SplittableRandom(config.faultSeed());
        this.workerStates = new WorkerState[config.workers()];
        for (int i = 0; i < config.workers(); i++) {
            workerStates[i] = config.coldStart().isZero() ? WorkerState.IDLE : WorkerState.COLD;
            int index = i;
            String workerId = randomWorkerId();
            Thread t = Thread.ofPlatform().daemon().name("demo-worker-" + i).start(() -> work(index, workerId));
            workerThreads.add(t);
        }
    }

    void setS3UrlMaker(Function<String, String> maker) {
        this.s3UrlMaker = maker;
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

    DemoJob submit(JsonNode input, boolean sync, Duration ttl, long executionTimeoutMs) {
        sweep();
        submissions.merge(workflowKey(input.get("workflow")), 1, Integer::sum);
        String id = (sync ? "sync-" : "") + UUID.randomUUID() + "-e1";
        DemoJob job = new DemoJob(id, sync, input, ttl.toNanos(), executionTimeoutMs, System.nanoTime());
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
        synchronized (s3) {
            return s3.get(path);
        }
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
        int idle = 0;
        int initializing = 0;
        int busy = 0;
        synchronized (workerStates) {
            for (WorkerState s : workerStates) {
                switch (s) {
                    case IDLE -> idle++;
                    case INITIALIZING -> initializing++;
                    case RUNNING -> busy++;
                    case COLD -> { }
                }
            }
        }
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

    // ---- the workers ------------------------------------------------------------------------------

    private void work(int index, String workerId) {
        while (running) {
            DemoJob job;
            try {
                job = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null || jobs.get(job.id) != job) {
                continue;
            }
            if (state(index) == WorkerState.COLD) {
                state(index, WorkerState.INITIALIZING);
                if (!pause(scaled(config.coldStart().toMillis()))) {
                    return;
                }
            }
            int generation;
            synchronized (job) {
                if (job.state != DemoJob.State.IN_QUEUE || jobs.get(job.id) != job) {
                    state(index, WorkerState.IDLE);
                    continue;
                }
                job.state = DemoJob.State.IN_PROGRESS;
                job.startedAt = System.nanoTime();
                job.workerId = workerId;
                generation = job.generation;
            }
            state(index, WorkerState.RUNNING);
            try {
                execute(job, generation);
            } catch (RuntimeException e) {
                log.warn("demo job {} crashed", job.id, e);
                complete(job, generation, DemoJob.State.FAILED, null,
                        "{\"error_type\": \"<class '" + e.getClass().getSimpleName() + "'>\", \"error_message\": "
                                + quote(String.valueOf(e.getMessage())) + ", \"error_traceback\": \"\"}");
            } finally {
                state(index, WorkerState.IDLE);
            }
        }
    }

    private void execute(DemoJob job, int generation) {
        long start = System.nanoTime();
        Map<String, int[]> sizes = new HashMap<>();
        Map<String, byte[]> uploadBytes = new HashMap<>();
        List<String> uploadErrors = new ArrayList<>();
        JsonNode input = job.input;
        JsonNode images = input.path("images");
        String error = null;
        if (images.isArray()) {
            for (JsonNode img : images) {
                if (!img.isObject() || !img.has("name") || !img.has("image")) {
                    continue; // reported by the check below, as the worker does
                }
                String name = img.path("name").asText();
                String data = img.path("image").asText();
                int comma = data.indexOf(',');
                String b64 = comma >= 0 ? data.substring(comma + 1) : data;
                try {
                    byte[] bytes = Base64.getDecoder().decode(b64.replaceAll("\\s+", ""));
                    sizes.put(name, imageSize(bytes));
                    uploadBytes.put(name, bytes);
                } catch (IllegalArgumentException e) {
                    uploadErrors.add("Error decoding base64 for " + name + ": " + e.getMessage());
                }
            }
        }
        Set<String> uploaded = new HashSet<>(BUILT_IN_INPUTS);
        uploaded.addAll(sizes.keySet());
        // in the worker's order: its own input check, the image upload, then ComfyUI's validation
        error = check.checkInput(input);
        if (error == null && !uploadErrors.isEmpty()) {
            error = "Failed to upload one or more input images";
        }
        if (error == null) {
            error = check.checkGraph(input.get("workflow"), uploaded);
        }
        if (error != null) {
            pauseUntil(start, scaled(VALIDATION_MS));
            complete(job, generation, DemoJob.State.FAILED, null, error);
            return;
        }
        DemoGraph.Plan plan = DemoGraph.plan(input.get("workflow"), sizes);
        long executionMs = scaled(BASE_MS + MS_PER_STEP_MEGAPIXEL * plan.samplingWork());
        if (executionMs > job.executionTimeoutMs) {
            pauseUntil(start, job.executionTimeoutMs);
            complete(job, generation, DemoJob.State.TIMED_OUT, null, null);
            return;
        }
        synchronized (job) {
            job.totalSteps = Math.max(1, plan.totalSteps());
            job.progressNode = plan.samplerSteps().keySet().stream().findFirst().orElse(null);
        }
        List<String[]> names = new ArrayList<>();
        List<byte[]> pictures = new ArrayList<>();
        for (DemoGraph.Output out : plan.outputs()) {
            // a graph of model-free image nodes is run for real: the pictures real ComfyUI gives
            var real = DemoPixels.of(input.get("workflow"), out.nodeId(), uploadBytes);
            if (real.isPresent()) {
                for (BufferedImage img : real.get()) {
                    pictures.add(png(img));
                    names.add(new String[] {out.prefix(), nextFilename(out.prefix())});
                }
                continue;
            }
            DemoGraph.Frame f = out.frame();
            for (int b = 0; b < f.batch(); b++) {
                pictures.add(renderer.renderPng(f.prompt(), f.seed(), f.steps(), f.width(), f.height(), b));
                names.add(new String[] {out.prefix(), nextFilename(out.prefix())});
            }
        }
        // sit out the rest of the simulated execution, reporting progress
        long end = start + executionMs * 1_000_000L;
        while (true) {
            long left = end - System.nanoTime();
            synchronized (job) {
                if (job.generation != generation || job.state != DemoJob.State.IN_PROGRESS) {
                    break; // cancelled or expired: the GPU still ran to here, the result goes nowhere
                }
                double done = 1 - Math.max(0, left) / (executionMs * 1e6 + 1);
                job.progress = (int) Math.min(job.totalSteps, Math.floor(done * job.totalSteps));
            }
            if (left <= 0 || !pause(Math.min(50, Math.max(1, left / 1_000_000L)))) {
                break;
            }
        }
        if (roll(faults.completedWithoutOutput())) {
            complete(job, generation, DemoJob.State.COMPLETED, null, null);
            return;
        }
        complete(job, generation, DemoJob.State.COMPLETED, output(job.id, names, pictures), null);
    }

    private ObjectNode output(String jobId, List<String[]> names, List<byte[]> pictures) {
        ObjectNode out = json.createObjectNode();
        if (pictures.isEmpty()) {
            out.put("status", "success_no_images");
            out.putArray("images");
            return out;
        }
        if (config.outputMode() == OutputMode.LEGACY_MESSAGE) {
            out.put("status", "success");
            out.put("message", Base64.getEncoder().encodeToString(pictures.getFirst()));
            return out;
        }
        ArrayNode arr = out.putArray("images");
        for (int i = 0; i < pictures.size(); i++) {
            String filename = names.get(i)[1];
            ObjectNode img = arr.addObject();
            img.put("filename", filename);
            if (config.outputMode() == OutputMode.S3_URL) {
                String path = jobId + "/" + filename;
                synchronized (s3) {
                    s3.put(path, pictures.get(i));
                }
                img.put("type", "s3_url");
                img.put("data", s3UrlMaker.apply(path) + "?X-Amz-Expires=604800&X-Amz-Signature="
                        + Long.toHexString(path.hashCode() * 2654435761L));
            } else {
                img.put("type", "base64");
                img.put("data", Base64.getEncoder().encodeToString(pictures.get(i)));
            }
        }
        return out;
    }

    private static byte[] png(BufferedImage img) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextFilename(String prefix) {
        String base = prefix.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isBlank()) {
            base = "ComfyUI";
        }
        int n = fileCounters.computeIfAbsent(prefix, k -> new AtomicInteger()).incrementAndGet();
        return String.format("%s_%05d_.png", base, n);
    }

    private void complete(DemoJob job, int generation, DemoJob.State state, ObjectNode output, String error) {
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

    private WorkerState state(int index) {
        synchronized (workerStates) {
            return workerStates[index];
        }
    }

    private void state(int index, WorkerState s) {
        synchronized (workerStates) {
            workerStates[index] = s;
        }
    }

    private long scaled(double ms) {
        return Math.round(ms * config.timeScale());
    }

    private boolean pause(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pauseUntil(long startNanos, long ms) {
        long left = ms - (System.nanoTime() - startNanos) / 1_000_000L;
        if (left > 0) {
            pause(left);
        }
    }

    private static int[] imageSize(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            return img == null ? new int[] {512, 512} : new int[] {img.getWidth(), img.getHeight()};
        } catch (IOException e) {
            return new int[] {512, 512};
        }
    }

    private static long millis(long nanos) {
        return Math.max(0, nanos / 1_000_000L);
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"\"";
        }
    }

    private static String randomWorkerId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
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
