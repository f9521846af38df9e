package dev.easel.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.JobOutput;
import dev.easel.api.JobRef;
import dev.easel.api.JobState;
import dev.easel.api.OutputImage;
import dev.easel.api.RunpodException;
import dev.easel.api.StatusResponse;
import dev.easel.library.Artwork;
import dev.easel.library.LibraryException;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The job queue: journals each job before sending it, submits with a concurrency limit, polls every active job
 * from one scheduler tick, saves results before a job shows as done, and hands listeners one snapshot per tick
 * in which something changed. Resumes unfinished jobs from the journal on {@link #start()}.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final Duration TICK = Duration.ofMillis(50);
    /** Runpod keeps /run results this long after a job ends. */
    private static final Duration RETENTION = Duration.ofMinutes(30);

    private final class Tracked {
        Job job;
        JobSpec spec;
        Instant nextAction;
        boolean busy;
        boolean cancelRequested;
        Instant pollingSince;
        int polls;
        int failures;
    }

    private final JobJournal journal;
    private final ResultStore results;
    private final JobEndpoint endpoint;
    private final Executor io;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final PollPlanner planner;
    private final Semaphore submitSlots;
    private final Map<Long, Tracked> tracked = new LinkedHashMap<>();
    private final List<Consumer<List<Job>>> listeners = new CopyOnWriteArrayList<>();
    private boolean dirty;
    private ScheduledFuture<?> ticker;
    private Instant lastHealthCheck = Instant.EPOCH;
    private boolean healthBusy;
    /** A job queued this long gets a /health check, to tell a cold start from a busy endpoint. */
    private static final Duration QUEUED_A_WHILE = Duration.ofSeconds(5);
    private static final Duration HEALTH_EVERY = Duration.ofSeconds(10);
    private final java.util.concurrent.atomic.AtomicInteger statusRequests = new java.util.concurrent.atomic.AtomicInteger();

    public JobQueue(JobJournal journal, ResultStore results, JobEndpoint endpoint, Executor io,
                    ScheduledExecutorService scheduler, Clock clock, PollPlanner planner, int maxConcurrentSubmissions) {
        this.journal = journal;
        this.results = results;
        this.endpoint = endpoint;
        this.io = io;
        this.scheduler = scheduler;
        this.clock = clock;
        this.planner = planner;
        this.submitSlots = new Semaphore(maxConcurrentSubmissions);
    }

    /** Loads the journal, resumes unfinished jobs and starts the scheduler tick. Call once, off the FX thread. */
    public void start() throws SQLException {
        for (JobJournal.Timing t : journal.recentTimings(endpoint.endpointId(), 40).reversed()) {
            planner.learn(t.execution(), work(t.params()));
        }
        Instant now = clock.instant();
        List<Job> toRecord = new ArrayList<>();
        synchronized (this) {
            for (JobJournal.Entry e : journal.visible(200)) {
                Tracked t = new Tracked();
                t.job = e.job();
                t.spec = e.spec();
                t.nextAction = now;
                t.pollingSince = now;
                if (!e.endpointId().equals(endpoint.endpointId()) && !t.job.phase().isTerminal()) {
                    continue; // another profile's job: resumed when that endpoint is active
                }
                switch (t.job.phase()) {
                    case SUBMITTING -> {
                        // the app stopped while sending: it may or may not have arrived
                        t.job = t.job.finished(JobPhase.SUBMISSION_UNKNOWN, now, "Easel stopped while sending this "
                                + "job, so it may or may not have reached Runpod. It was not sent again, to avoid "
                                + "a duplicate; retry it to send it now.", null, List.of(), null);
                        toRecord.add(t.job);
                    }
                    case SAVING -> t.job = t.job.with(JobPhase.IN_PROGRESS); // fetch the result again
                    default -> { }
                }
                tracked.put(t.job.id(), t);
            }
            dirty = true;
        }
        for (Job j : toRecord) {
            journal.update(j);
        }
        ticker = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Receives the visible jobs, oldest first, after every tick in which something changed. */
    public void addListener(Consumer<List<Job>> listener) {
        listeners.add(listener);
    }

    public synchronized List<Job> jobs() {
        return tracked.values().stream().map(t -> t.job).toList();
    }

    /** How many /status requests were sent: for the polling benchmark. */
    public int statusRequests() {
        return statusRequests.get();
    }

    // ---- commands ---------------------------------------------------------------------------------

    /** Journals the job, then queues it for sending. Blocks on the journal write: call off the FX thread. */
    public Job submit(JobSpec spec) throws SQLException {
        Job job = journal.insert(spec, endpoint, clock.instant());
        Tracked t = new Tracked();
        t.job = job;
        t.spec = spec;
        t.nextAction = clock.instant();
        synchronized (this) {
            tracked.put(job.id(), t);
            dirty = true;
        }
        return job;
    }

    /** Cancels a job that is waiting, queued or running. */
    public CompletableFuture<Void> cancel(long id) {
        return CompletableFuture.runAsync(() -> {
            Tracked t;
            String rid;
            synchronized (this) {
                t = tracked.get(id);
                if (t == null || t.job.phase().isTerminal()) {
                    return;
                }
                if (t.job.phase() == JobPhase.PENDING) {
                    finish(t, JobPhase.CANCELLED, null, null, List.of(), null);
                    return;
                }
                rid = t.job.runpodId();
                if (rid == null) {
                    t.cancelRequested = true; // cancelled as soon as its id is known
                    return;
                }
            }
            try {
                JobRef ref = endpoint.client().cancel(rid);
                synchronized (this) {
                    if (ref.state() == JobState.CANCELLED) {
                        finish(t, JobPhase.CANCELLED, null, null, List.of(), null);
                    } else {
                        t.nextAction = clock.instant();
                    }
                }
            } catch (RunpodException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io);
    }

    /**
     * Retries a job. A FAILED or TIMED_OUT job that Runpod still keeps is re-queued with Runpod's /retry (same id);
     * anything else is sent again from the journal as a new job.
     */
    public CompletableFuture<Job> retry(long id) {
        return CompletableFuture.supplyAsync(() -> {
            Tracked t = find(id);
            Job j = t.job;
            boolean retained = j.finished() != null && j.finished().plus(RETENTION).isAfter(clock.instant());
            if ((j.phase() == JobPhase.FAILED || j.phase() == JobPhase.TIMED_OUT) && j.runpodId() != null && retained) {
                try {
                    endpoint.client().retry(j.runpodId());
                    synchronized (this) {
                        t.job = new Job(j.id(), j.runpodId(), j.endpointName(), JobPhase.IN_QUEUE, j.prompt(), j.seed(),
                                j.created(), clock.instant(), null, null, null, null, -1, false, null, null, List.of(),
                                null, j.pricePerSecond(), false);
                        t.nextAction = clock.instant().plusMillis(200);
                        t.pollingSince = clock.instant();
                        t.polls = 0;
                        dirty = true;
                    }
                    record(t.job);
                    return t.job;
                } catch (RunpodException e) {
                    log.info("Runpod /retry of {} refused ({}); sending it again instead", j.runpodId(), e.getMessage());
                }
            }
            try {
                return submit(t.spec);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io);
    }

    private synchronized Tracked find(long id) {
        Tracked t = tracked.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no job " + id + " in the queue");
        }
        return t;
    }

    /** Sends the job again as a new one with another seed. */
    public CompletableFuture<Job> retryWithNewSeed(long id, long seed) {
        return CompletableFuture.supplyAsync(() -> {
            Tracked t = find(id);
            ObjectNode input = t.spec.input().deepCopy();
            Workflow wf = Workflow.of((ObjectNode) input.get("workflow"));
            Workflow seeded = ParameterBinder.bind(wf).set(wf, Parameter.SEED,
                    WorkflowJson.MAPPER.getNodeFactory().numberNode(seed));
            input.set("workflow", seeded.toJson());
            Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
            params.putAll(t.spec.params());
            params.put(Parameter.SEED, seed);
            try {
                return submit(new JobSpec(input, t.spec.uiGraph(), params, t.spec.templateId(), t.spec.policy()));
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io);
    }

    /** Hides finished jobs from the queue; their results and journal rows stay. */
    public CompletableFuture<Void> clearFinished() {
        return CompletableFuture.runAsync(() -> {
            List<Long> ids;
            synchronized (this) {
                ids = tracked.values().stream().filter(t -> t.job.phase().isTerminal()).map(t -> t.job.id()).toList();
            }
            try {
                journal.clear(ids);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
            synchronized (this) {
                ids.forEach(tracked::remove);
                dirty = true;
            }
        }, io);
    }

    // ---- the tick -----------------------------------------------------------------------------------

    private void tick() {
        try {
            Instant now = clock.instant();
            List<Runnable> work = new ArrayList<>();
            List<Job> snapshot = null;
            synchronized (this) {
                for (Tracked t : tracked.values()) {
                    if (t.job.phase() == JobPhase.IN_PROGRESS) {
                        estimateProgress(t, now);
                    }
                    if (t.busy || t.nextAction == null || t.nextAction.isAfter(now)) {
                        continue;
                    }
                    if (t.job.phase() == JobPhase.PENDING && submitSlots.tryAcquire()) {
                        t.busy = true;
                        work.add(() -> send(t));
                    } else if (t.job.phase().isPolled()) {
                        t.busy = true;
                        work.add(() -> poll(t));
                    }
                }
                boolean waiting = tracked.values().stream().anyMatch(t -> t.job.phase() == JobPhase.IN_QUEUE
                        && t.job.submitted() != null && t.job.submitted().plus(QUEUED_A_WHILE).isBefore(now));
                if (waiting && !healthBusy && lastHealthCheck.plus(HEALTH_EVERY).isBefore(now)) {
                    healthBusy = true;
                    lastHealthCheck = now;
                    work.add(this::checkHealth);
                }
                if (dirty) {
                    dirty = false;
                    snapshot = tracked.values().stream().map(t -> t.job).toList();
                }
            }
            work.forEach(io::execute);
            if (snapshot != null) {
                for (Consumer<List<Job>> l : listeners) {
                    l.accept(snapshot);
                }
            }
        } catch (RuntimeException e) {
            log.error("job queue tick failed", e); // keep ticking: one bad job must not stop the others
        }
    }

    /** Marks queued jobs as waiting for a cold start when /health shows no worker ready to take them. */
    private void checkHealth() {
        try {
            dev.easel.api.HealthResponse h = endpoint.client().health();
            boolean cold = h.idleWorkers() == 0 && h.worker("ready") == 0 && h.worker("initializing") > 0
                    || h.idleWorkers() == 0 && h.runningWorkers() == 0 && h.worker("ready") == 0;
            synchronized (this) {
                for (Tracked t : tracked.values()) {
                    if (t.job.phase() == JobPhase.IN_QUEUE && t.job.coldStart() != cold) {
                        t.job = t.job.coldStart(cold);
                        dirty = true;
                    }
                }
            }
        } catch (RunpodException e) {
            log.debug("health check failed: {}", e.getMessage());
        } finally {
            synchronized (this) {
                healthBusy = false;
            }
        }
    }

    private void estimateProgress(Tracked t, Instant now) {
        Duration typical = planner.typical();
        if (t.job.progressIsEstimate() || t.job.progress() < 0) {
            if (typical != null && t.job.started() != null && !typical.isZero()) {
                double p = Math.min(0.95, Duration.between(t.job.started(), now).toMillis() / (double) typical.toMillis());
                if (Math.abs(p - t.job.progress()) >= 0.01) {
                    t.job = t.job.progress(Math.max(0, p), true);
                    dirty = true;
                }
            }
        }
    }

    private void send(Tracked t) {
        try {
            synchronized (this) {
                t.job = t.job.with(JobPhase.SUBMITTING);
                dirty = true;
            }
            record(t.job); // journaled as "on its way" before the request leaves
            JobRef ref;
            try {
                ref = endpoint.client().run(t.spec.input(), t.spec.policy());
            } catch (RunpodException e) {
                onSendFailure(t, e);
                return;
            }
            boolean cancel;
            synchronized (this) {
                Instant now = clock.instant();
                t.job = t.job.submitted(ref.id(), now);
                t.pollingSince = now;
                t.polls = 0;
                t.nextAction = now.plus(planner.next(polling(t), now));
                cancel = t.cancelRequested;
                dirty = true;
            }
            record(t.job);
            if (cancel) {
                cancel(t.job.id());
            }
        } finally {
            synchronized (this) {
                t.busy = false;
            }
            submitSlots.release();
        }
    }

    private void onSendFailure(Tracked t, RunpodException e) {
        Instant now = clock.instant();
        synchronized (this) {
            switch (e.kind()) {
                case NETWORK, RATE_LIMITED -> {
                    // surely not created: wait and send again
                    t.failures++;
                    t.job = t.job.with(JobPhase.PENDING);
                    t.nextAction = now.plus(e.retryAfter().orElse(backoff(t.failures)));
                    t.job = withNote(t.job, e.getMessage() + " Easel will send it again.");
                }
                case SUBMISSION_UNKNOWN -> finish(t, JobPhase.SUBMISSION_UNKNOWN, e.getMessage(), e.detail(), List.of(),
                        null);
                default -> finish(t, JobPhase.FAILED, e.getMessage(), e.detail(), List.of(), null);
            }
            dirty = true;
        }
        record(t.job);
    }

    private void poll(Tracked t) {
        String rid;
        synchronized (this) {
            rid = t.job.runpodId();
            t.polls++;
        }
        try {
            statusRequests.incrementAndGet();
            StatusResponse s = endpoint.client().status(rid);
            apply(t, s);
        } catch (RunpodException e) {
            onPollFailure(t, e);
        } finally {
            synchronized (this) {
                t.busy = false;
            }
        }
    }

    private void apply(Tracked t, StatusResponse s) {
        Instant now = clock.instant();
        boolean save = false;
        synchronized (this) {
            if (t.job.phase().isTerminal()) {
                return;
            }
            t.failures = 0;
            Instant started = s.delayTime() != null && t.job.submitted() != null ? t.job.submitted().plus(s.delayTime())
                    : null;
            t.job = t.job.timings(started, s.delayTime(), s.executionTime());
            switch (s.state()) {
                case IN_QUEUE -> move(t, JobPhase.IN_QUEUE);
                case IN_PROGRESS -> {
                    move(t, JobPhase.IN_PROGRESS);
                    s.progress().ifPresent(p -> t.job = t.job.progress(Math.min(1, p.percent() / 100.0), false));
                }
                case COMPLETED -> {
                    var failure = s.failure();
                    if (failure.isPresent()) {
                        finish(t, JobPhase.FAILED, failure.get().summary(), failure.get().detail(), List.of(), null);
                    } else {
                        move(t, JobPhase.SAVING);
                        save = true;
                    }
                }
                case FAILED, TIMED_OUT -> {
                    var failure = s.failure().orElse(null);
                    finish(t, s.state() == JobState.FAILED ? JobPhase.FAILED : JobPhase.TIMED_OUT,
                            failure == null ? "The job failed." : failure.summary(),
                            failure == null ? null : failure.detail(), List.of(), null);
                }
                case CANCELLED -> finish(t, JobPhase.CANCELLED, null, null, List.of(), null);
                case UNKNOWN -> { }
            }
            if (t.job.phase().isPolled()) {
                t.nextAction = now.plus(planner.next(polling(t), now));
            }
            dirty = true;
        }
        record(t.job);
        if (save) {
            io.execute(() -> saveResults(t, s));
        }
    }

    private void onPollFailure(Tracked t, RunpodException e) {
        Instant now = clock.instant();
        synchronized (this) {
            switch (e.kind()) {
                case JOB_NOT_FOUND -> finish(t, JobPhase.EXPIRED, "Runpod no longer has this job: its results "
                        + "expired (they are kept 30 minutes) or it was removed.", e.detail(), List.of(), null);
                case UNAUTHORIZED, FORBIDDEN, ENDPOINT_NOT_FOUND ->
                        finish(t, JobPhase.FAILED, e.getMessage(), e.detail(), List.of(), null);
                default -> {
                    t.failures++;
                    t.nextAction = now.plus(e.retryAfter().orElse(backoff(t.failures)));
                    t.job = withNote(t.job, e.getMessage() + " Still trying.");
                }
            }
            dirty = true;
        }
        record(t.job);
    }

    private void saveResults(Tracked t, StatusResponse s) {
        List<Path> files = new ArrayList<>();
        String note = null;
        try {
            if (s.output() instanceof JobOutput.Images images) {
                int index = 0;
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (OutputImage img : images.images()) {
                    byte[] bytes = img.transport() == OutputImage.Transport.URL ? endpoint.client().download(img.url())
                            : img.decode();
                    String hash = ResultStore.sourceHash(bytes);
                    // two SaveImage nodes on the same image (the tutorial graph has them) return it twice: keep one
                    if (!seen.add(hash)) {
                        continue;
                    }
                    // saved already, before Easel stopped mid-save: keep that file, don't write a second
                    var before = results.alreadySaved(t.job.id(), hash);
                    if (before.isPresent()) {
                        files.add(before.get());
                        index++;
                        continue;
                    }
                    Artwork a = results.save(new ResultToSave(t.job.id(), t.job.runpodId(), t.job.endpointName(),
                            bytes, index++, t.spec.input().get("workflow"), t.spec.uiGraph(), t.spec.params(),
                            t.spec.templateId(), s.delayTime(), s.executionTime(), t.job.cost(), clock.instant()));
                    files.add(a.file());
                }
                if (!images.errors().isEmpty()) {
                    note = "The worker reported: " + String.join(" ", images.errors());
                }
            } else {
                note = "The workflow saved no images (it has no SaveImage node, or only previews).";
            }
        } catch (java.sql.SQLException e) {
            synchronized (this) {
                finish(t, JobPhase.FAILED, "The library could not be read: " + e.getMessage(), null, files, null);
                dirty = true;
            }
            record(t.job);
            return;
        } catch (RunpodException | LibraryException e) {
            synchronized (this) {
                finish(t, JobPhase.FAILED, e.getMessage(), e instanceof RunpodException r ? r.detail() : null,
                        files, null);
                dirty = true;
            }
            record(t.job);
            return;
        }
        planner.learn(s.executionTime(), work(t.spec));
        synchronized (this) {
            finish(t, JobPhase.COMPLETED, null, null, files, note);
            dirty = true;
        }
        record(t.job); // on disk and indexed above, so only now done
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** The one transition check for moves between live phases. */
    private void move(Tracked t, JobPhase next) {
        if (t.job.phase() != next && t.job.phase().canMoveTo(next)) {
            t.job = t.job.with(next);
        }
    }

    private void finish(Tracked t, JobPhase p, String error, String detail, List<Path> files, String note) {
        if (!t.job.phase().canMoveTo(p)) {
            return;
        }
        t.job = t.job.finished(p, clock.instant(), error, detail, files, note != null ? note : t.job.note());
        t.nextAction = null;
        dirty = true;
    }

    private static Job withNote(Job j, String note) {
        return new Job(j.id(), j.runpodId(), j.endpointName(), j.phase(), j.prompt(), j.seed(), j.created(),
                j.submitted(), j.started(), j.finished(), j.delay(), j.execution(), j.progress(),
                j.progressIsEstimate(), j.error(), j.errorDetail(), j.files(), note, j.pricePerSecond(), j.coldStart());
    }

    private PollPlanner.Polling polling(Tracked t) {
        return new PollPlanner.Polling(t.job.phase(), t.pollingSince == null ? clock.instant() : t.pollingSince,
                t.polls, t.job.started(), work(t.spec));
    }

    /** Sampling work of a job, steps × megapixels × batch, from its parameters; 0 when they are not all known. */
    static double work(JobSpec spec) {
        return work(spec.params());
    }

    static double work(Map<Parameter, Object> p) {
        if (!(p.get(Parameter.STEPS) instanceof Number steps) || !(p.get(Parameter.WIDTH) instanceof Number w)
                || !(p.get(Parameter.HEIGHT) instanceof Number h)) {
            return 0;
        }
        double batch = p.get(Parameter.BATCH_SIZE) instanceof Number b ? b.doubleValue() : 1;
        return steps.doubleValue() * w.doubleValue() * h.doubleValue() / 1e6 * batch;
    }

    private static Duration backoff(int failures) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(failures, 5)));
    }

    private void record(Job j) {
        try {
            journal.update(j);
        } catch (SQLException e) {
            log.error("could not journal job {}", j.id(), e);
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
