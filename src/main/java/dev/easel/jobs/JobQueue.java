package dev.easel.jobs;

import dev.easel.api.JobError;
import dev.easel.api.RunpodException;
import dev.easel.library.ResultStore;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The job queue: journals each job before sending it, submits with a concurrency limit, polls every active job
 * from one scheduler tick, saves results before a job shows as done, and hands listeners one snapshot per tick
 * in which something changed. Resumes every unfinished job from the journal on {@link #start()}.
 *
 * <p>The queue owns the jobs and the tick; its parts do the requests: {@link JobSender} (/run, never twice),
 * {@link StatusFollower} (/status), {@link ResultSaver}, {@link Canceller}, {@link Retrier} and
 * {@link ColdStartWatch} (/health). Every change of a job goes through {@link Transitions}: checked, journaled, then
 * in effect. Failures are either transient (retried with a capped {@link Backoff}, the row saying so) or permanent
 * (the job ends at once with the cause): no job stays unfinished beyond Runpod's retention plus
 * {@link #GIVE_UP_AFTER}.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final Duration TICK = Duration.ofMillis(50);
    /** Runpod keeps /run results this long after a job ends. */
    static final Duration RETENTION = Duration.ofMinutes(30);
    /** A job that Runpod could not be asked about for this long ends: its result would have expired. */
    static final Duration GIVE_UP_AFTER = RETENTION;
    /** Answers in a row that can't be read, or that name a state Easel doesn't know, before the job ends. */
    static final int UNREADABLE_LIMIT = 10;
    /** The key of the sentence for a job that reached Runpod but whose id was lost. */
    public static final String ARRIVED_ID_LOST = JobSender.ARRIVED_ID_LOST;

    final JobJournal journal;
    final JobEndpoint endpoint;
    final Executor io;
    final Clock clock;
    final PollPlanner planner;
    private final Transitions transitions;
    /** Our requests that change the endpoint's job counts other than /run (cancel, retry): a bracket seeing one is void. */
    final AtomicInteger countChanges = new AtomicInteger();
    private final ScheduledExecutorService scheduler;
    private final JobSender sender;
    private final StatusFollower follower;
    private final Canceller canceller = new Canceller(this);
    private final Retrier retrier = new Retrier(this);
    private final ColdStartWatch coldStarts = new ColdStartWatch(this);
    private final Spending spending;
    private final Map<Long, TrackedJob> tracked = new LinkedHashMap<>();
    private final List<Consumer<List<Job>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Predicate<Job> held = j -> false;
    private volatile boolean ownJobsOnly;
    private volatile boolean started;
    private ScheduledFuture<?> ticker;

    public JobQueue(JobJournal journal, ResultStore results, JobEndpoint endpoint, Executor io,
                    ScheduledExecutorService scheduler, Clock clock, PollPlanner planner, int maxConcurrentSubmissions) {
        this.journal = journal;
        this.transitions = new Transitions(journal);
        this.follower = new StatusFollower(this, new ResultSaver(this, results));
        this.endpoint = endpoint;
        this.io = io;
        this.scheduler = scheduler;
        this.clock = clock;
        this.planner = planner;
        this.sender = new JobSender(this, maxConcurrentSubmissions);
        this.spending = new Spending(journal, planner, endpoint, transitions::spent, clock, clock.getZone(),
                clock.instant());
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
            planner.learn(t.execution(), PollPlanner.work(t.params()));
        }
        Instant now = clock.instant();
        List<TrackedJob> toEnd = new ArrayList<>();
        synchronized (this) {
            for (JobJournal.Entry e : journal.visible(200)) {
                if (!e.endpointId().equals(endpoint.endpointId()) && (ownJobsOnly || !e.job().phase().isTerminal())) {
                    continue; // another profile's job: resumed when that endpoint is active
                }
                TrackedJob t = tracked.computeIfAbsent(e.job().id(), id -> new TrackedJob(e.job(), e.spec()));
                t.nextAction = now;
                t.pollingSince = now;
                if (sender.endsAtStart(t.job)) {
                    toEnd.add(t);
                }
            }
            started = true;
        }
        toEnd.forEach(t -> sender.afterRestart(t, now));
        transitions.changed();
    }

    /** A helper queue (another endpoint a sweep shares) shows and resumes only its own endpoint's jobs. Before start. */
    public void showOnlyOwnJobs() {
        ownJobsOnly = true;
    }

    /** Which waiting jobs it must not send yet (a shared sweep's cells wait for a route: {@link SweepFanout}). */
    public void holdBack(Predicate<Job> held) {
        this.held = held;
    }

    /** Takes a job that was never sent and is not being sent out of this queue (for another endpoint's), else empty. */
    synchronized Optional<TrackedJob> takeUnsent(long id) {
        TrackedJob t = tracked.get(id);
        boolean unsent = t != null && !t.busy && t.job.phase() == JobPhase.PENDING && t.job.runpodId() == null;
        return unsent ? Optional.of(tracked.remove(id)) : Optional.empty();
    }

    /** What a failed job says, from its spec and the worker's error ({@link ModelAdvice}); else the error's summary. */
    public void setFailureAdvice(BiFunction<JobSpec, JobError, Text> advice) {
        follower.setAdvice(advice);
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
        return follower.statusRequests();
    }

    /** Changes a job: checked, journaled, then in effect (see {@link Transitions}); false when refused. */
    boolean transition(TrackedJob t, UnaryOperator<Job> change) {
        return transitions.apply(t, change);
    }

    /** The name of the endpoint this queue sends to. */
    public String endpointName() {
        return endpoint.name();
    }

    /** What the jobs cost and may cost, and the budgets that hold them back before they are sent. */
    public Spending spending() {
        return spending;
    }

    /** Journals the job, then queues it for sending. Blocks on the journal write: call off the FX thread. */
    public Job submit(JobSpec spec) throws SQLException {
        return track(journal.insert(spec, endpoint, clock.instant()), spec);
    }

    Job track(Job job, JobSpec spec) {
        return track(new TrackedJob(job, spec));
    }

    /** Tracks a job from now on: one just journaled, or one moved here from another endpoint's queue. */
    Job track(TrackedJob t) {
        synchronized (this) {
            t.nextAction = clock.instant();
            t.pollingSince = clock.instant();
            tracked.put(t.job.id(), t);
        }
        transitions.changed();
        return t.job;
    }

    /**
     * Cancels a job that is waiting, queued or running. A job not yet sent ends at once; one Runpod has is asked
     * for until Runpod says it ended (after a restart too); one being sent is cancelled as soon as its id is known.
     */
    public CompletableFuture<Void> cancel(long id) {
        return CompletableFuture.runAsync(() -> canceller.cancel(find(id)), io);
    }

    /** Retries an ended job, never paying twice for a result Runpod still keeps: see {@link Retrier}. */
    public CompletableFuture<Job> retry(long id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return retrier.retry(find(id));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /** Sends the job again as a new one with another seed; refused when its workflow has no seed. */
    public CompletableFuture<Job> retryWithNewSeed(long id, long seed) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return submit(retrier.withSeed(find(id), seed));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /** Makes a job's failed request due now, not at its planned retry: only an attempt that was due anyway moves. */
    public synchronized boolean tryNow(long id) {
        TrackedJob t = tracked.get(id);
        if (t == null || t.job.phase().isTerminal() || t.job.live().retryAt() == null || t.busy || t.saving) {
            return false;
        }
        t.nextAction = clock.instant();
        return true;
    }

    private synchronized TrackedJob find(long id) {
        TrackedJob t = tracked.get(id);
        if (t == null) {
            throw new CompletionException(new IllegalArgumentException("no job " + id + " in the queue"));
        }
        return t;
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
            transitions.changed();
        }, io);
    }

    /** One round: plans the requests that are due and tells listeners about changes. The scheduler calls it. */
    void tick() {
        try {
            Instant now = clock.instant();
            List<Runnable> work = new ArrayList<>();
            spending.refresh(); // reads the journal's spending when a job ended: off the lock
            Optional<Budget.Stop> stopBefore = spending.stop();
            synchronized (this) {
                spending.count(tracked.values());
                for (TrackedJob t : tracked.values()) {
                    Job j = t.job;
                    if (j.phase().isTerminal()) {
                        continue;
                    }
                    if (j.phase() == JobPhase.IN_PROGRESS) {
                        follower.estimateProgress(t, now);
                    }
                    Runnable cancel = canceller.due(t, now);
                    if (cancel != null) {
                        work.add(cancel);
                    }
                    if (t.busy || t.saving || t.nextAction == null || t.nextAction.isAfter(now) || !started) {
                        continue;
                    }
                    if (j.phase() == JobPhase.PENDING) {
                        if (held.test(j)) {
                            continue; // a shared sweep's cell: sent where it is routed
                        }
                        if (!spending.maySend()) {
                            continue; // and none after it: jobs are sent in order
                        }
                        Runnable send = sender.sendIfFree(t, now);
                        if (send != null) {
                            spending.sent();
                            work.add(send);
                        }
                    } else if (j.phase().isPolled() || j.phase() == JobPhase.SAVING) {
                        t.busy = true;
                        work.add(() -> {
                            try {
                                follower.poll(t);
                            } finally {
                                notBusy(t);
                            }
                        });
                    }
                }
                Runnable health = coldStarts.due(tracked.values(), now);
                if (health != null) {
                    work.add(health);
                }
            }
            work.forEach(io::execute);
            if (!stopBefore.equals(spending.stop())) {
                transitions.changed(); // held, or sent on: the queue's banner says so
            }
            if (transitions.takeChanged()) {
                List<Job> snapshot = jobs();
                for (Consumer<List<Job>> l : listeners) {
                    l.accept(snapshot);
                }
            }
        } catch (RuntimeException e) {
            log.error("job queue tick failed", e); // keep ticking: one bad job must not stop the others
        }
    }

    // ---- the scheduler's bookkeeping, for the parts -------------------------------------------------------

    /** Tracks a new job that a part is busy with until {@link #release}: the tick leaves it alone meanwhile. */
    synchronized TrackedJob trackBusy(Job job, JobSpec spec) {
        TrackedJob t = new TrackedJob(job, spec);
        t.busy = true;
        tracked.put(job.id(), t);
        return t;
    }

    synchronized void notBusy(TrackedJob t) {
        t.busy = false;
    }

    /** Ends a part's hold on a job: the tick acts on it next at {@code next}; a non-null {@code polling} restarts its polling. */
    synchronized void release(TrackedJob t, Instant next, Instant polling) {
        t.busy = false;
        t.nextAction = next;
        if (polling != null) {
            t.pollingSince = polling;
        }
    }

    /** A job Runpod just accepted: polled from now on, its first /status planned. */
    synchronized void startPolling(TrackedJob t, Instant now) {
        t.pollingSince = now;
        t.polls = 0;
        t.failingSince = null;
        t.nextAction = now.plus(planner.next(polling(t), now));
    }

    /** Plans the next /status of a job still followed (not ended, not being saved). */
    synchronized void pollAgain(TrackedJob t, Instant now) {
        if (!t.job.phase().isTerminal() && !t.saving) {
            t.nextAction = now.plus(planner.next(polling(t), now));
        }
    }

    /** The tick acts on the job next at {@code at}. */
    synchronized void later(TrackedJob t, Instant at) {
        t.nextAction = at;
    }

    /** Notes why (the sentence {@code noteKey}, its argument the short cause); says when to try again. */
    Instant tryAgainLater(TrackedJob t, RunpodException e, Instant now, JobPhase phase, String noteKey) {
        return transitions.retryLater(t, e, now, phase, noteKey);
    }

    /** Since when requests about this job have been failing in a row; now, if this is the first. */
    synchronized Instant failingSince(TrackedJob t, Instant now) {
        if (t.failingSince == null) {
            t.failingSince = now;
        }
        return t.failingSince;
    }

    private PollPlanner.Polling polling(TrackedJob t) {
        return new PollPlanner.Polling(t.job.phase(), t.pollingSince == null ? clock.instant() : t.pollingSince,
                t.polls, t.job.started(), PollPlanner.work(t.spec.params()));
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
