package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.HealthResponse;
import dev.easel.api.JobRef;
import dev.easel.api.JobState;
import dev.easel.api.PurgeResponse;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodClient;
import dev.easel.api.RunpodException;
import dev.easel.api.StatusReader;
import dev.easel.api.StatusResponse;
import dev.easel.library.PngChunks;
import dev.easel.testing.Fixtures;
import dev.easel.text.Text;
import dev.easel.workflow.WorkflowJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Runpod endpoint in memory for tests of the job queue: jobs that the test moves along by hand, the retention
 * of ended jobs on the test's clock, and faults queued per operation. It counts every job it creates by the
 * {@code marker} of its input, so a test can tell a job sent twice.
 */
final class FakeRunpod implements RunpodClient {

    /** What a call does instead of its normal answer. */
    sealed interface Fault permits Fail, CreatedThenFail, Answer, Crash { }

    /** Throws without doing anything (a refused connection, a 503 before handling). */
    record Fail(RunpodException error) implements Fault { }

    /** /run only: creates the job, then throws (the answer was lost). */
    record CreatedThenFail(RunpodException error) implements Fault { }

    /** /status only: answers with this body instead. */
    record Answer(Supplier<JsonNode> body) implements Fault { }

    /** The process dies during the call (kill -9): an Error no code of the queue catches; /run may create first. */
    record Crash(boolean created) implements Fault { }

    /** Thrown for {@link Crash}. */
    static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    static final class ServerJob {
        final String id;
        final String marker;
        JobState state = JobState.IN_QUEUE;
        Instant ended;
        long executionMs;
        int images = 1;
        RunPolicy policy;
        String error;

        ServerJob(String id, String marker) {
            this.id = id;
            this.marker = marker;
        }
    }

    private final Clock clock;
    private final Duration retention;
    final Map<String, ServerJob> jobs = new LinkedHashMap<>();
    private final Map<String, Deque<Fault>> faults = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    private int next = 1;

    FakeRunpod(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /** Queues a fault for the next call of {@code op} (run, status, cancel, retry, download, health). */
    synchronized FakeRunpod fail(String op, Fault f) {
        faults.computeIfAbsent(op, k -> new ArrayDeque<>()).add(f);
        return this;
    }

    synchronized void clearFaults() {
        faults.clear();
    }

    private synchronized Fault fault(String op) {
        Deque<Fault> q = faults.get(op);
        return q == null ? null : q.poll();
    }

    /** Records the call and takes its queued fault: throws for Fail and Crash, else returns it (or null). */
    private Fault call(String op) {
        calls.add(op);
        expire();
        Fault f = fault(op);
        if (f instanceof Fail(RunpodException e)) {
            throw e;
        }
        if (f instanceof Crash c && !op.equals("run")) {
            throw new Killed();
        }
        return f;
    }

    synchronized long created(String marker) {
        return jobs.values().stream().filter(j -> marker.equals(j.marker)).count();
    }

    synchronized ServerJob job(String id) {
        return jobs.get(id);
    }

    /** The test moves a job along: IN_PROGRESS, or an end (COMPLETED, FAILED…) with its execution time. */
    synchronized void move(String id, JobState state, long executionMs) {
        ServerJob j = jobs.get(id);
        if (j == null || j.state.isTerminal()) {
            return;
        }
        j.state = state;
        j.executionMs = executionMs;
        if (state.isTerminal()) {
            j.ended = clock.instant();
        }
    }

    private void expire() {
        Instant now = clock.instant();
        jobs.values().removeIf(j -> j.ended != null && j.ended.plus(retention).isBefore(now));
    }

    static RunpodException error(RunpodException.Kind kind, int http) {
        return new RunpodException(kind, Text.literal("fake " + kind + (http > 0 ? " (HTTP " + http + ")" : "")), "fake detail",
                http, null, null);
    }

    /** A small PNG whose bytes are unique to a job and image (a text chunk), so hashes tell images apart. */
    static byte[] png(String jobId, int index) {
        return PngChunks.withText(Fixtures.bytes("tiny-64x64.png"), Map.of("fake", jobId + "#" + index));
    }

    @Override
    public synchronized JobRef run(JsonNode input, RunPolicy policy) {
        Fault f = call("run");
        String marker = input.path("marker").asText("");
        if (f instanceof Crash c) {
            if (c.created()) {
                create(marker);
            }
            throw new Killed();
        }
        ServerJob j = create(marker);
        j.policy = policy;
        if (f instanceof CreatedThenFail(RunpodException e)) {
            throw e;
        }
        return new JobRef(j.id, JobState.IN_QUEUE);
    }

    private ServerJob create(String marker) {
        ServerJob j = new ServerJob("job-" + next++, marker);
        j.images = imagesPerJob;
        jobs.put(j.id, j);
        return j;
    }

    @Override
    public StatusResponse runSync(JsonNode input, RunPolicy policy, Duration wait, Duration pollInterval,
                                  Duration deadline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized StatusResponse status(String jobId) {
        Fault f = call("status");
        if (f instanceof Answer(Supplier<JsonNode> body)) {
            return spill == null ? StatusResponse.parse(body.get()) : readThroughFile(body.get());
        }
        ServerJob j = jobs.get(jobId);
        if (j == null) {
            throw error(RunpodException.Kind.JOB_NOT_FOUND, 404);
        }
        return spill == null ? StatusResponse.parse(body(j)) : readThroughFile(body(j));
    }

    /** When set, answers are written to a file and read back as a large answer is: images decoded into {@code dir}. */
    volatile Path spill;
    /** How many images the jobs created from now on answer with. */
    volatile int imagesPerJob = 1;

    private StatusResponse readThroughFile(JsonNode body) {
        try {
            Path f = Files.createTempFile(spill, "answer-", ".json");
            try {
                WorkflowJson.MAPPER.writeValue(f.toFile(), body);
                return StatusReader.read(f, spill);
            } finally {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized JsonNode body(ServerJob j) {
        ObjectNode n = WorkflowJson.MAPPER.createObjectNode();
        n.put("id", j.id);
        n.put("status", j.state.name());
        if (j.state != JobState.IN_QUEUE) {
            n.put("delayTime", 100);
            n.put("executionTime", j.executionMs);
        }
        if (j.state == JobState.COMPLETED) {
            var images = n.putObject("output").putArray("images");
            for (int i = 0; i < j.images; i++) {
                images.addObject().put("filename", "ComfyUI_0000" + i + "_.png").put("type", "base64")
                        .put("data", Base64.getEncoder().encodeToString(png(j.id, i)));
            }
        } else if (j.state == JobState.FAILED) {
            n.put("error", j.error == null ? "fake failure" : j.error);
        }
        return n;
    }

    @Override
    public synchronized JobRef cancel(String jobId) {
        call("cancel");
        ServerJob j = jobs.get(jobId);
        if (j == null) {
            throw error(RunpodException.Kind.JOB_NOT_FOUND, 404);
        }
        if (!j.state.isTerminal()) {
            j.state = JobState.CANCELLED;
            j.ended = clock.instant();
        }
        return new JobRef(j.id, j.state);
    }

    @Override
    public synchronized JobRef retry(String jobId) {
        call("retry");
        ServerJob j = jobs.get(jobId);
        if (j == null) {
            throw error(RunpodException.Kind.JOB_NOT_FOUND, 404);
        }
        if (j.state != JobState.FAILED && j.state != JobState.TIMED_OUT) {
            throw error(RunpodException.Kind.BAD_REQUEST, 400);
        }
        j.state = JobState.IN_QUEUE;
        j.ended = null;
        j.error = null;
        return new JobRef(j.id, JobState.IN_QUEUE);
    }

    @Override
    public PurgeResponse purgeQueue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized HealthResponse health() {
        call("health");
        long inQueue = jobs.values().stream().filter(j -> j.state == JobState.IN_QUEUE).count();
        long inProgress = jobs.values().stream().filter(j -> j.state == JobState.IN_PROGRESS).count();
        long completed = jobs.values().stream().filter(j -> j.state == JobState.COMPLETED).count();
        long failed = jobs.values().stream().filter(j -> j.state == JobState.FAILED).count();
        return new HealthResponse(Map.of("inQueue", inQueue, "inProgress", inProgress, "completed", completed,
                "failed", failed), Map.of("idle", 1L, "running", inProgress));
    }

    @Override
    public byte[] download(URI url) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String endpointId() {
        return "fake";
    }

    @Override
    public void close() { }
}
