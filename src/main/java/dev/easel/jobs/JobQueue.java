package dev.easel.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.HealthResponse;
import dev.easel.api.JobError;
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
import dev.easel.workflow.Bindings;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The job queue: journals each job before sending it, submits with a concurrency limit, polls every active job
 * from one scheduler tick, saves results before a job shows as done, and hands listeners one snapshot per tick
 * in which something changed. Resumes every unfinished job from the journal on {@link #start()}.
 *
 * <p>Every change of a job goes through {@link #transition}: the move is checked against {@link JobStateMachine},
 * journaled, and only then takes effect, under the job's own lock. Failures are either transient (retried with a
 * capped backoff, the row saying so) or permanent (the job ends at once with the cause): no job stays unfinished
 * beyond Runpod's retention plus {@link #GIVE_UP_AFTER}.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final Duration TICK = Duration.ofMillis(50);
    /** Runpod keeps /run results this long after a job ends. */
    static final Duration RETENTION = Duration.ofMinutes(30);
    /** The longest wait between two attempts of a failed request, whatever a {@code Retry-After} asks. */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);
    /** A job that Runpod could not be asked about for this long ends: its result would have expired. */
    static final Duration GIVE_UP_AFTER = RETENTION;
    /** Answers in a row that can't be read, or that name a state Easel doesn't know, before the job ends. */
    static final int UNREADABLE_LIMIT = 10;
    /** A job queued this long gets a /health check, to tell a cold start from a busy endpoint. */
    private static final Duration QUEUED_A_WHILE = Duration.ofSeconds(5);
    private static final Duration HEALTH_EVERY = Duration.ofSeconds(10);
    /** After a send that may or may not have arrived, sends go one at a time between two /health reads this long. */
    static final Duration CAREFUL_FOR = Duration.ofMinutes(10);

    /** One job: its current version (changed only by {@link #transition}) and the scheduler's bookkeeping. */
    private static final class Tracked {
        volatile Job job;
        final JobSpec spec;
        // the rest under the queue's lock
        Instant nextAction;
        Instant nextCancel;
        boolean busy;
        boolean cancelling;
        boolean saving;
        Instant pollingSince;
        int polls;
        Instant failingSince;
        int unreadable;

        Tracked(Job job, JobSpec spec) {
            this.job = job;
            this.spec = spec;
        }
    }

    private final JobJournal journal;
    private final ResultStore results;
    private final JobEndpoint endpoint;
    private final Executor io;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final PollPlanner planner;
    private final Semaphore submitSlots;
    private final int maxSubmissions;
    /** Until when sends are made one at a time, each between two /health reads (see {@link #sendCarefully}). */
    private volatile Instant carefulUntil = Instant.EPOCH;
    /** Our requests that change the endpoint's job counts other than /run (cancel, retry): a bracket seeing one is void. */
    private final AtomicInteger countChanges = new AtomicInteger();
    private final Map<Long, Tracked> tracked = new LinkedHashMap<>();
    private final List<Consumer<List<Job>>> listeners = new CopyOnWriteArrayList<>();
    private volatile BiFunction<JobSpec, JobError, String> advice =
            (spec, error) -> error.summary();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicInteger statusRequests = new AtomicInteger();
    private volatile boolean started;
    private ScheduledFuture<?> ticker;
    private Instant lastHealthCheck = Instant.EPOCH;
    private boolean healthBusy;

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
        this.maxSubmissions = maxConcurrentSubmissions;
    }

    /** Loads the journal, resumes unfinished jobs and starts the scheduler tick. Call once, off the FX thread. */
    public void start() throws SQLException {
        resume();
        ticker = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Loads the journal and resumes unfinished jobs, without a scheduler: {@link #start()} does this and then ticks;
     * tests call {@link #tick()} themselves.
     */
    void resume() throws SQLException {
        for (JobJournal.Timing t : journal.recentTimings(endpoint.endpointId(), 40).reversed()) {
            planner.learn(t.execution(), work(t.params()));
        }
        Instant now = clock.instant();
        List<Tracked> toEnd = new ArrayList<>();
        synchronized (this) {
            for (JobJournal.Entry e : journal.visible(200)) {
                if (!e.endpointId().equals(endpoint.endpointId()) && !e.job().phase().isTerminal()) {
                    continue; // another profile's job: resumed when that endpoint is active
                }
                Tracked t = tracked.computeIfAbsent(e.job().id(), id -> new Tracked(e.job(), e.spec()));
                t.nextAction = now;
                t.pollingSince = now;
                if (t.job.phase() == JobPhase.SUBMITTING) {
                    toEnd.add(t);
                }
            }
            started = true;
        }
        for (Tracked t : toEnd) {
            if (t.job.runpodId() != null) {
                // it stopped while asking Runpod to /retry a job it knows: that job's status tells what happened
                transition(t, j -> JobStateMachine.accepted(j, j.runpodId(), JobPhase.IN_QUEUE, now));
                continue;
            }
            // the app stopped while sending: it may or may not have arrived, so it is not sent again
            transition(t, j -> JobStateMachine.ended(j, JobPhase.SUBMISSION_UNKNOWN, now, "Easel stopped while "
                    + "sending this job, so it may or may not have reached Runpod. It was not sent again, to avoid "
                    + "a duplicate; retry it to send it now.", null, null, false));
        }
        dirty.set(true);
    }

    /**
     * What a job that failed on the worker says, from its spec and the worker's error: {@link ModelAdvice} names the
     * template to choose when a model is missing. Without one, the error's own summary.
     */
    public void setFailureAdvice(BiFunction<JobSpec, JobError, String> advice) {
        this.advice = advice;
    }

    private String said(JobSpec spec, JobError error) {
        try {
            String s = advice.apply(spec, error);
            return s == null || s.isBlank() ? error.summary() : s;
        } catch (RuntimeException e) { // advice is a nicety: the worker's own words stand
            log.warn("the advice on a failed job failed", e);
            return error.summary();
        }
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

    // ---- the one transition -----------------------------------------------------------------------------

    /**
     * Applies a change to a job: checks the move, journals it, then lets it take effect, all under the job's lock,
     * so memory and journal never disagree and an older write never lands after a newer one. A change of live-only
     * parts (progress, the next retry) is not journaled.
     *
     * @return whether the change took effect (false: a move the state machine forbids, or the journal refused it)
     */
    private boolean transition(Tracked t, UnaryOperator<Job> change) {
        synchronized (t) {
            Job old = t.job;
            Job next = change.apply(old);
            if (next == old) {
                return true;
            }
            next = next.redacted(); // a key a server echoed never reaches the journal, the row or the log
            if (!JobStateMachine.allows(old.phase(), next.phase())) {
                log.debug("job {}: {} -> {} refused", old.id(), old.phase(), next.phase());
                return false;
            }
            if (JobStateMachine.journaledPartsDiffer(old, next)) {
                next = next.withVersion(old.version() + 1);
                try {
                    if (!journal.update(next)) {
                        log.warn("job {}: the journal holds a newer version than {}", old.id(), next.version());
                        return false;
                    }
                } catch (SQLException e) {
                    log.error("could not journal job {} ({} -> {}); the change is not made", old.id(), old.phase(),
                            next.phase(), e);
                    return false;
                }
            }
            t.job = next;
            if (!old.phase().isTerminal() && next.phase().isTerminal() && next.cost() > 0) {
                synchronized (this) {
                    sessionSpent += next.cost();
                }
            }
        }
        dirty.set(true);
        return true;
    }

    /**
     * About what {@code jobs} more jobs like the recent ones would cost: their typical execution time × the price;
     * empty while no job has finished on this endpoint (or no price is set).
     */
    public OptionalDouble estimatedCost(int jobs) {
        Duration typical = planner.typical();
        if (typical == null || endpoint.pricePerSecond() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(jobs * typical.toMillis() / 1000.0 * endpoint.pricePerSecond());
    }

    /** The name of the endpoint this queue sends to. */
    public String endpointName() {
        return endpoint.name();
    }

    /** The typical execution time of a job on this endpoint, once a few have finished; else null. */
    public Duration typicalExecution() {
        return planner.typical();
    }

    /** What the GPU time of the jobs that ended since this queue started cost (clearing rows doesn't change it). */
    public synchronized double sessionSpent() {
        return sessionSpent;
    }

    /** What the GPU time of every job that ended since {@code since} cost, from the journal. Reads the database. */
    public double spentSince(Instant since) throws SQLException {
        return journal.spentSince(since);
    }

    // ---- commands ---------------------------------------------------------------------------------

    private double sessionSpent;

    /** Journals the job, then queues it for sending. Blocks on the journal write: call off the FX thread. */
    public Job submit(JobSpec spec) throws SQLException {
        return track(journal.insert(spec, endpoint, clock.instant()), spec);
    }

    private Job track(Job job, JobSpec spec) {
        Tracked t = new Tracked(job, spec);
        synchronized (this) {
            t.nextAction = clock.instant();
            t.pollingSince = clock.instant();
            tracked.put(job.id(), t);
        }
        dirty.set(true);
        return job;
    }

    /**
     * Cancels a job that is waiting, queued or running. A job not yet sent ends at once; one Runpod has is asked
     * for until Runpod says it ended (after a restart too); one being sent is cancelled as soon as its id is known.
     */
    public CompletableFuture<Void> cancel(long id) {
        return CompletableFuture.runAsync(() -> {
            Tracked t = find(id);
            Instant now = clock.instant();
            // decided under the job's lock: a job not sent yet ends now, any other is asked for
            boolean recorded = transition(t, j -> j.phase().isTerminal() ? j
                    : j.phase() == JobPhase.PENDING ? JobStateMachine.ended(j, JobPhase.CANCELLED, now, null, null,
                    null, false) : JobStateMachine.cancelRequested(j));
            if (t.job.phase().isTerminal()) {
                return;
            }
            if (!recorded || !t.job.outcome().cancelRequested()) {
                throw new CompletionException(new IllegalStateException("The cancel could not be recorded; "
                        + "try again."));
            }
            if (t.job.runpodId() != null) {
                askToCancel(t);
            }
        }, io);
    }

    /** POST /cancel for a job whose cancel was asked for; called by {@link #cancel} and, until it ends, the tick. */
    private void askToCancel(Tracked t) {
        synchronized (this) {
            if (t.cancelling || t.job.phase().isTerminal()) {
                return;
            }
            t.cancelling = true;
        }
        String rid = t.job.runpodId();
        try {
            countChanges.incrementAndGet();
            JobRef ref = endpoint.client().cancel(rid);
            if (ref.state() == JobState.CANCELLED) {
                // its execution time so far is what it cost: read it before the job ends (best effort)
                StatusResponse last = null;
                try {
                    last = endpoint.client().status(rid);
                } catch (RunpodException e) {
                    log.debug("no final status for cancelled job {}: {}", rid, e.getMessage());
                }
                if (last != null) {
                    last.discard();
                }
                StatusResponse s = last;
                Instant now = clock.instant();
                transition(t, j -> JobStateMachine.ended(s == null ? j
                                : JobStateMachine.withExecution(j, s.delayTime(), s.executionTime()),
                        JobPhase.CANCELLED, now, null, null, null, false));
            } else {
                synchronized (this) {
                    t.nextAction = clock.instant(); // it ended otherwise, or the cancel is under way: look now
                    t.nextCancel = clock.instant().plusSeconds(2);
                }
            }
        } catch (RunpodException e) {
            Instant now = clock.instant();
            if (e.kind() == RunpodException.Kind.JOB_NOT_FOUND) {
                transition(t, j -> JobStateMachine.ended(j, JobPhase.EXPIRED, now, "Runpod no longer had this job "
                        + "when Easel asked to cancel it: it had ended and its result expired, or it was removed.",
                        e.detail(), null, false));
            } else {
                Instant at = tryAgainLater(t, e, now, null, "Cancelling — last: ");
                synchronized (this) {
                    t.nextCancel = at;
                }
                if (!e.kind().isTransient()) {
                    throw new CompletionException(e);
                }
            }
        } finally {
            synchronized (this) {
                t.cancelling = false;
            }
        }
    }

    /**
     * Retries an ended job, never paying twice for a result Runpod still keeps: a job that ran but whose result
     * couldn't be fetched or saved is fetched again (same Runpod job); a FAILED or TIMED_OUT job Runpod keeps is
     * re-queued with Runpod's /retry; anything else is sent again as a new job. Each makes a new job row that names
     * the one it retries; the ended job stays as it ended.
     */
    public CompletableFuture<Job> retry(long id) {
        return CompletableFuture.supplyAsync(() -> {
            Tracked t = find(id);
            Job j = t.job;
            if (!j.phase().isTerminal() || j.phase() == JobPhase.COMPLETED) {
                throw new CompletionException(new IllegalStateException("Only a job that failed or was stopped can "
                        + "be retried."));
            }
            try {
                Instant now = clock.instant();
                if (j.retryFetchesResult()) {
                    // the job ran already: fetching its result costs no GPU time, so its price is 0 (not paid twice)
                    JobEndpoint free = new JobEndpoint(endpoint.name(), endpoint.client(), 0);
                    return track(journal.insert(t.spec, free, now, JobPhase.SAVING, j.runpodId(), j.id()), t.spec);
                }
                boolean retained = j.finished() != null && j.finished().plus(RETENTION).isAfter(now);
                if ((j.phase() == JobPhase.FAILED || j.phase() == JobPhase.TIMED_OUT) && j.runpodId() != null
                        && retained) {
                    Job again = journal.insert(t.spec, endpoint, now, JobPhase.SUBMITTING, j.runpodId(), j.id());
                    Tracked n = new Tracked(again, t.spec);
                    synchronized (this) {
                        n.busy = true;
                        tracked.put(again.id(), n);
                    }
                    try {
                        countChanges.incrementAndGet();
                        endpoint.client().retry(j.runpodId());
                    } catch (RunpodException e) {
                        if (e.kind() == RunpodException.Kind.JOB_NOT_FOUND || e.kind() == RunpodException.Kind.BAD_REQUEST) {
                            // Runpod refused: nothing was re-queued, so send the request again as a new job
                            log.info("Runpod /retry of {} refused ({}); sending it again", j.runpodId(), e.getMessage());
                            transition(n, x -> JobStateMachine.retrying(x.withRunpodId(null), JobPhase.PENDING, null,
                                    0, null));
                            synchronized (this) {
                                n.busy = false;
                                n.nextAction = clock.instant();
                            }
                            return n.job;
                        }
                        // any other answer: Runpod may have re-queued it; its status tells
                    }
                    Instant at = clock.instant();
                    transition(n, x -> JobStateMachine.accepted(x, j.runpodId(), JobPhase.IN_QUEUE, at));
                    synchronized (this) {
                        n.busy = false;
                        n.pollingSince = at;
                        n.nextAction = at.plusMillis(200);
                    }
                    return n.job;
                }
                return track(journal.insert(t.spec, endpoint, now, JobPhase.PENDING, null, j.id()), t.spec);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    private synchronized Tracked find(long id) {
        Tracked t = tracked.get(id);
        if (t == null) {
            throw new CompletionException(new IllegalArgumentException("no job " + id + " in the queue"));
        }
        return t;
    }

    /** Sends the job again as a new one with another seed; refused when its workflow has no seed. */
    public CompletableFuture<Job> retryWithNewSeed(long id, long seed) {
        return CompletableFuture.supplyAsync(() -> {
            Tracked t = find(id);
            ObjectNode input = t.spec.input().deepCopy();
            Workflow wf = Workflow.of((ObjectNode) input.get("workflow"));
            Bindings b = ParameterBinder.bind(wf);
            if (!b.has(Parameter.SEED)) {
                throw new CompletionException(new IllegalStateException("This workflow has no seed, so a new seed "
                        + "would make the same picture. Nothing was sent."));
            }
            Workflow seeded = b.set(wf, Parameter.SEED, WorkflowJson.MAPPER.getNodeFactory().numberNode(seed));
            input.set("workflow", seeded.toJson());
            Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
            params.putAll(t.spec.params());
            params.put(Parameter.SEED, seed);
            try {
                return submit(new JobSpec(input, t.spec.uiGraph(), params, t.spec.templateId(),
                        t.spec.importedFrom(), t.spec.policy()));
            } catch (SQLException e) {
                throw new CompletionException(e);
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
                throw new CompletionException(e);
            }
            synchronized (this) {
                ids.forEach(tracked::remove);
            }
            dirty.set(true);
        }, io);
    }

    // ---- the tick -----------------------------------------------------------------------------------

    /** One round: plans the requests that are due and tells listeners about changes. The scheduler calls it. */
    void tick() {
        try {
            Instant now = clock.instant();
            List<Runnable> work = new ArrayList<>();
            synchronized (this) {
                for (Tracked t : tracked.values()) {
                    Job j = t.job;
                    if (j.phase().isTerminal()) {
                        continue;
                    }
                    if (j.phase() == JobPhase.IN_PROGRESS) {
                        estimateProgress(t, now);
                    }
                    if (j.outcome().cancelRequested() && j.runpodId() != null && !t.cancelling
                            && (t.nextCancel == null || !t.nextCancel.isAfter(now))) {
                        t.nextCancel = now.plusSeconds(5);
                        work.add(() -> {
                            try {
                                askToCancel(t);
                            } catch (CompletionException e) {
                                log.debug("cancel of job {} refused: {}", j.id(), e.getMessage());
                            }
                        });
                    }
                    if (t.busy || t.saving || t.nextAction == null || t.nextAction.isAfter(now) || !started) {
                        continue;
                    }
                    if (j.phase() == JobPhase.PENDING) {
                        // careful: one send at a time, so a bracket of /health reads sees only its own job
                        boolean careful = carefulUntil.isAfter(now);
                        if ((!careful || submitSlots.availablePermits() == maxSubmissions) && submitSlots.tryAcquire()) {
                            t.busy = true;
                            work.add(() -> send(t));
                        }
                    } else if (j.phase().isPolled() || j.phase() == JobPhase.SAVING) {
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
            }
            work.forEach(io::execute);
            if (dirty.getAndSet(false)) {
                List<Job> snapshot = jobs();
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
            HealthResponse h = endpoint.client().health();
            boolean cold = h.idleWorkers() == 0 && h.worker("ready") == 0 && h.worker("initializing") > 0
                    || h.idleWorkers() == 0 && h.runningWorkers() == 0 && h.worker("ready") == 0;
            List<Tracked> all;
            synchronized (this) {
                all = List.copyOf(tracked.values());
            }
            for (Tracked t : all) {
                if (t.job.phase() == JobPhase.IN_QUEUE && t.job.coldStart() != cold) {
                    transition(t, j -> j.phase() == JobPhase.IN_QUEUE ? JobStateMachine.coldStart(j, cold) : j);
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
        Job j = t.job;
        Duration typical = planner.typical();
        if ((j.progressIsEstimate() || j.progress() < 0) && typical != null && j.started() != null
                && !typical.isZero()) {
            double p = Math.min(0.95, Duration.between(j.started(), now).toMillis() / (double) typical.toMillis());
            if (Math.abs(p - j.progress()) >= 0.01) {
                double fraction = Math.max(0, p);
                transition(t, x -> x.phase() == JobPhase.IN_PROGRESS ? JobStateMachine.progress(x, fraction, true) : x);
            }
        }
    }

    private void send(Tracked t) {
        try {
            // journaled as "on its way" before the request leaves; refused when it was cancelled meanwhile
            Instant at = clock.instant();
            if (!transition(t, j -> j.phase() != JobPhase.PENDING ? j : j.outcome().cancelRequested()
                    ? JobStateMachine.ended(j, JobPhase.CANCELLED, at, null, null, null, false)
                    : JobStateMachine.sending(j)) || t.job.phase() != JobPhase.SUBMITTING) {
                return;
            }
            JobRef ref;
            HealthResponse before = carefulUntil.isAfter(at) ? healthOrNull() : null;
            int changesBefore = countChanges.get();
            try {
                ref = endpoint.client().run(t.spec.input(), t.spec.policy());
            } catch (RunpodException e) {
                if (e.kind() == RunpodException.Kind.SUBMISSION_UNKNOWN) {
                    carefulUntil = clock.instant().plus(CAREFUL_FOR);
                    if (before != null) {
                        sendCarefully(t, e, before, changesBefore);
                        return;
                    }
                }
                onSendFailure(t, e);
                return;
            } catch (RuntimeException e) {
                log.error("sending job {} failed unexpectedly", t.job.id(), e);
                onSendFailure(t, new RunpodException(RunpodException.Kind.SUBMISSION_UNKNOWN, "The job may or may "
                        + "not have been created: sending it failed unexpectedly (" + e + "). Easel did not send it "
                        + "again, to avoid a duplicate job.", String.valueOf(e)));
                return;
            }
            Instant now = clock.instant();
            JobPhase phase = ref.state() == JobState.IN_PROGRESS ? JobPhase.IN_PROGRESS : JobPhase.IN_QUEUE;
            if (!transition(t, j -> JobStateMachine.accepted(j, ref.id(), phase, now))) {
                // the journal refused: keep the id in memory all the same, so the job is followed and can be cancelled
                synchronized (t) {
                    t.job = JobStateMachine.accepted(t.job, ref.id(), phase, now);
                }
            }
            synchronized (this) {
                t.pollingSince = now;
                t.polls = 0;
                t.failingSince = null;
                t.nextAction = now.plus(planner.next(polling(t), now));
            }
        } finally {
            synchronized (this) {
                t.busy = false;
            }
            submitSlots.release();
        }
    }

    private HealthResponse healthOrNull() {
        try {
            return endpoint.client().health();
        } catch (RunpodException e) {
            log.debug("no /health for a send's bracket: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Decides a /run that may or may not have arrived from the endpoint's job counts read just before it and now.
     * Only this send happened between the two reads (careful sends go one at a time, and a cancel or retry of ours
     * in between voids the bracket). Counted are all jobs the endpoint knows (queued, running, completed, failed) and
     * the live ones: all unchanged means it did not arrive, so it is sent again; one more means it arrived and its id
     * was lost; anything else can't be told apart from other work on the endpoint, so it stays "Sent?".
     */
    private void sendCarefully(Tracked t, RunpodException e, HealthResponse before, int changesBefore) {
        HealthResponse after = healthOrNull();
        if (after == null || countChanges.get() != changesBefore) {
            onSendFailure(t, e);
            return;
        }
        long total = known(after) - known(before);
        long live = after.inQueue() + after.inProgress() - before.inQueue() - before.inProgress();
        Instant now = clock.instant();
        if (total == 0 && live <= 0) {
            Instant first = failingSince(t, now);
            if (Duration.between(first, now).compareTo(GIVE_UP_AFTER) > 0) {
                transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, "Easel could not send this job "
                        + "for " + GIVE_UP_AFTER.toMinutes() + " minutes (last: " + e.getMessage() + "). Runpod's "
                        + "counts show it never arrived, so nothing was charged; retry it to send it now.",
                        e.detail(), null, false));
                return;
            }
            Instant again = tryAgainLater(t, e, now, JobPhase.PENDING, "Not sent: Runpod's job counts show it "
                    + "did not arrive — last: ");
            synchronized (this) {
                t.nextAction = again;
            }
        } else if (total == 1) {
            transition(t, j -> JobStateMachine.ended(j, JobPhase.SUBMISSION_UNKNOWN, now, ARRIVED_ID_LOST
                    + " (" + JobStateMachine.shortCause(e) + "), so Easel can't follow it or collect its picture. It "
                    + "runs on Runpod and is charged; it was not sent again.", e.detail(), null, false));
        } else {
            onSendFailure(t, new RunpodException(e.kind(), e.getMessage() + " (The endpoint's job counts changed by "
                    + total + " meanwhile, so Easel can't tell: other work may be running there.)", e.detail()));
        }
    }

    /** The start of the sentence for a job that reached Runpod but whose id was lost. */
    public static final String ARRIVED_ID_LOST = "This job reached Runpod (the endpoint's job count grew by one), but "
            + "the answer with its id was lost";

    private static long known(HealthResponse h) {
        return h.inQueue() + h.inProgress() + h.job("completed") + h.job("failed");
    }

    private void onSendFailure(Tracked t, RunpodException e) {
        Instant now = clock.instant();
        switch (e.kind()) {
            case NETWORK, RATE_LIMITED -> {
                // surely not created (the connection was refused, or Runpod said "too many"): send it later
                if (t.job.outcome().cancelRequested()) {
                    transition(t, j -> JobStateMachine.ended(j, JobPhase.CANCELLED, now, null, null, null, false));
                    return;
                }
                Instant first = failingSince(t, now);
                if (Duration.between(first, now).compareTo(GIVE_UP_AFTER) > 0) {
                    transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, "Easel could not send this job "
                            + "for " + GIVE_UP_AFTER.toMinutes() + " minutes: " + e.getMessage() + " Nothing was "
                            + "sent, so nothing was charged; retry it to send it now.", e.detail(), null, false));
                    return;
                }
                Instant at = tryAgainLater(t, e, now, JobPhase.PENDING, "Not sent yet — last: ");
                synchronized (this) {
                    t.nextAction = at;
                }
            }
            case SUBMISSION_UNKNOWN -> transition(t, j -> JobStateMachine.ended(j, JobPhase.SUBMISSION_UNKNOWN, now,
                    e.getMessage(), e.detail(), null, false));
            case INTERRUPTED -> {
                // the app is closing mid-send: the journal says SUBMITTING, which the next start reads as "sent?"
            }
            default -> transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, e.getMessage(), e.detail(),
                    null, false));
        }
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
            if (!apply(t, s)) {
                s.discard(); // images decoded to files are only kept for a save
            }
        } catch (RunpodException e) {
            onPollFailure(t, e);
        } catch (OutOfMemoryError e) { // asked again a few times, then the job ends with its result kept
            log.error("the answer about job {} does not fit in memory", t.job.id(), e);
            onPollFailure(t, new RunpodException(RunpodException.Kind.BAD_RESPONSE, "Runpod's answer about this "
                    + "job is too large for the memory Easel has.", String.valueOf(e)));
        } catch (RuntimeException e) {
            log.error("polling job {} failed unexpectedly", t.job.id(), e);
            onPollFailure(t, new RunpodException(RunpodException.Kind.BAD_RESPONSE, "Runpod's answer about this "
                    + "job could not be read.", String.valueOf(e)));
        } finally {
            synchronized (this) {
                t.busy = false;
            }
        }
    }

    /** Follows an answer; true when it was handed to {@link #saveResults}, which then owns its files. */
    private boolean apply(Tracked t, StatusResponse s) {
        Instant now = clock.instant();
        boolean handedOff = false;
        synchronized (this) {
            t.failingSince = null;
        }
        transition(t, JobStateMachine::recovered);
        JobPhase current = t.job.phase();
        switch (s.state()) {
            case IN_QUEUE, IN_PROGRESS -> {
                if (current == JobPhase.SAVING) {
                    unreadable(t, now, "Runpod says this job is " + s.rawStatus() + " although it had completed.",
                            s.raw().toString());
                    break;
                }
                JobPhase phase = s.state() == JobState.IN_QUEUE ? JobPhase.IN_QUEUE : JobPhase.IN_PROGRESS;
                transition(t, j -> {
                    Job next = JobStateMachine.observed(j, phase, s.delayTime(), s.executionTime());
                    var p = s.progress();
                    return p.isPresent() ? JobStateMachine.progress(next, Math.clamp(p.get().percent() / 100.0, 0, 1),
                            false) : next;
                });
                synchronized (this) {
                    t.unreadable = 0;
                }
            }
            case COMPLETED -> {
                var failure = s.failure();
                if (failure.isPresent()) {
                    transition(t, j -> JobStateMachine.ended(JobStateMachine.withExecution(j, s.delayTime(),
                            s.executionTime()), JobPhase.FAILED, now, said(t.spec, failure.get()), failure.get().detail(),
                            null, false));
                } else if (transition(t, j -> JobStateMachine.observed(j, JobPhase.SAVING, s.delayTime(),
                        s.executionTime()))) {
                    synchronized (this) {
                        t.saving = true;
                    }
                    io.execute(() -> saveResults(t, s));
                    handedOff = true;
                }
            }
            case FAILED, TIMED_OUT -> {
                var failure = s.failure().orElse(null);
                transition(t, j -> JobStateMachine.ended(JobStateMachine.withExecution(j, s.delayTime(),
                                s.executionTime()), s.state() == JobState.FAILED ? JobPhase.FAILED : JobPhase.TIMED_OUT,
                        now, failure == null ? "The job failed." : said(t.spec, failure),
                        failure == null ? null : failure.detail(), null, false));
            }
            case CANCELLED -> transition(t, j -> JobStateMachine.ended(JobStateMachine.withExecution(j, s.delayTime(),
                    s.executionTime()), JobPhase.CANCELLED, now, null, null, null, false));
            case UNKNOWN -> unreadable(t, now, "Runpod answered with a state Easel doesn't know ('" + s.rawStatus()
                    + "').", s.raw().toString());
        }
        synchronized (this) {
            if (!t.job.phase().isTerminal() && !t.saving) {
                t.nextAction = now.plus(planner.next(polling(t), now));
            }
        }
        return handedOff;
    }

    /** An answer that can't be followed: noted, asked again, and after {@link #UNREADABLE_LIMIT} the job ends. */
    private void unreadable(Tracked t, Instant now, String what, String detail) {
        int n;
        synchronized (this) {
            n = ++t.unreadable;
        }
        if (n >= UNREADABLE_LIMIT) {
            transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, what + " Easel asked " + n + " times "
                    + "and stopped following it. If it ran, Runpod keeps its result for "
                    + RETENTION.toMinutes() + " minutes: Retry fetches it.", abbreviate(detail), null, true));
        } else {
            transition(t, j -> j.withNote(what + " Asking again."));
        }
    }

    private void onPollFailure(Tracked t, RunpodException e) {
        Instant now = clock.instant();
        switch (e.kind()) {
            case JOB_NOT_FOUND -> transition(t, j -> JobStateMachine.ended(j, JobPhase.EXPIRED, now, "Runpod no "
                    + "longer has this job: its result expired (results are kept " + RETENTION.toMinutes()
                    + " minutes) or it was removed.", e.detail(), null, false));
            case INTERRUPTED -> { }
            case BAD_RESPONSE -> {
                unreadable(t, now, e.getMessage(), e.detail());
                transientFailure(t, e, now);
            }
            default -> {
                if (e.kind().isTransient()) {
                    transientFailure(t, e, now);
                } else {
                    // the key, the endpoint or the request is refused: asking again won't help until it is fixed
                    transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, e.getMessage() + " If the job "
                            + "ran, Runpod keeps its result for " + RETENTION.toMinutes() + " minutes: fix this, "
                            + "then Retry fetches it.", e.detail(), null, true));
                }
            }
        }
    }

    private void transientFailure(Tracked t, RunpodException e, Instant now) {
        if (t.job.phase().isTerminal()) {
            return;
        }
        Instant first = failingSince(t, now);
        if (Duration.between(first, now).compareTo(GIVE_UP_AFTER) > 0) {
            transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, "Easel could not reach Runpod about "
                    + "this job for " + GIVE_UP_AFTER.toMinutes() + " minutes (last: " + e.getMessage() + "). If it "
                    + "ran, Runpod may still keep its result: Retry fetches it.", e.detail(), null, true));
            return;
        }
        Instant at = tryAgainLater(t, e, now, null, "last: ");
        synchronized (this) {
            t.nextAction = at;
        }
    }

    /**
     * Notes a failed request on the job's row (the next attempt, its number, the cause) and says when to try again.
     *
     * @param phase the phase to be in meanwhile, or null to stay
     */
    private Instant tryAgainLater(Tracked t, RunpodException e, Instant now, JobPhase phase, String prefix) {
        int attempt = t.job.live().attempt() + 1;
        Instant at = now.plus(retryWait(e, attempt));
        transition(t, j -> JobStateMachine.retrying(j, phase == null ? j.phase() : phase, at, attempt,
                prefix + JobStateMachine.shortCause(e)));
        return at;
    }

    private synchronized Instant failingSince(Tracked t, Instant now) {
        if (t.failingSince == null) {
            t.failingSince = now;
        }
        return t.failingSince;
    }

    private void saveResults(Tracked t, StatusResponse s) {
        try {
            saveResultsOrThrow(t, s);
        } catch (Throwable e) { // any failure, an OutOfMemoryError too, ends the job: never SAVING forever
            log.warn("saving the result of job {} failed", t.job.id(), e);
            String cause = e instanceof RunpodException || e instanceof LibraryException
                    ? e.getMessage() : e instanceof SQLException ? "the library could not be read: " + e.getMessage()
                    : e instanceof OutOfMemoryError ? "the result is too large for the memory Easel has"
                    : "an unexpected error (" + e.getClass().getSimpleName() + ")";
            String why = cause.endsWith(".") ? cause : cause + ".";
            boolean expired = e instanceof RunpodException r && r.kind() == RunpodException.Kind.JOB_NOT_FOUND;
            Instant now = clock.instant();
            transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now, "The job ran, but its result could "
                    + "not be saved: " + why + (expired ? "" : " Runpod keeps it for " + RETENTION.toMinutes()
                    + " minutes after the job ended: Retry fetches it again without running the job."),
                    abbreviate(String.valueOf(e)), null, !expired));
        } finally {
            s.discard();
            synchronized (this) {
                t.saving = false;
            }
        }
    }

    private void saveResultsOrThrow(Tracked t, StatusResponse s) throws Exception {
        List<Path> files = new ArrayList<>();
        String note = null;
        if (s.output() instanceof JobOutput.Images images) {
            int index = 0;
            int identical = 0;
            Set<String> seen = new HashSet<>();
            for (OutputImage img : images.images()) {
                byte[] bytes = img.transport() == OutputImage.Transport.URL ? endpoint.client().download(img.url())
                        : img.decode();
                String hash = ResultStore.sourceHash(bytes);
                // two SaveImage nodes on the same image (the tutorial graph has them) return it twice: keep one
                if (!seen.add(hash)) {
                    identical++;
                    continue;
                }
                // saved already (before Easel stopped mid-save, or by the job this one retries): not a second file
                var before = results.savedFile(t.job.runpodId(), hash);
                if (before.isPresent()) {
                    files.add(before.get());
                    index++;
                    continue;
                }
                Job j = t.job;
                Artwork a = results.save(new ResultToSave(j.id(), j.runpodId(), j.endpointName(), bytes, index++,
                        t.spec.input().get("workflow"), t.spec.uiGraph(), t.spec.params(), t.spec.templateId(),
                        t.spec.source(), s.delayTime(), s.executionTime(), j.cost(), clock.instant()));
                files.add(a.file());
            }
            List<String> notes = new ArrayList<>();
            if (identical > 0) {
                int total = images.images().size();
                notes.add(total + " images, " + (identical + 1 == total ? "identical" : (identical + 1)
                        + " of them identical") + ": kept " + files.size() + ".");
            }
            if (!images.errors().isEmpty()) {
                notes.add("The worker reported: " + String.join(" ", images.errors()));
            }
            note = notes.isEmpty() ? null : String.join(" ", notes);
        } else {
            note = "The workflow saved no images (it has no SaveImage node, or only previews).";
        }
        s.discard(); // the images are in the library now: their temporary files go before the job shows as done
        planner.learn(s.executionTime(), work(t.spec));
        Instant now = clock.instant();
        String finalNote = note;
        transition(t, j -> JobStateMachine.completed(j, now, files, finalNote)); // on disk and indexed: only now done
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** How long to wait before attempt {@code attempt + 1}: the server's Retry-After or a backoff, capped. */
    static Duration retryWait(RunpodException e, int attempt) {
        Duration wait = e.retryAfter().orElse(backoff(attempt));
        return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Duration backoff(int failures) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(Math.max(failures, 1), 5)));
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

    private static String abbreviate(String s) {
        return s == null || s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
