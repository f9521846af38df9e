package dev.easel.jobs;

import dev.easel.api.HealthResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A sweep shared by several endpoints: its cells are journaled on the studio's endpoint and held there unsent; every
 * round each endpoint's /health says how many it can take ({@link SweepRouter}), and that many are sent there, a cell
 * moved to another endpoint's queue first when it goes elsewhere (journaled before it moves; only a cell never sent
 * moves, so none is sent twice). When no endpoint can be used for {@link #STALLED} the held cells are let go where they
 * are, so none waits on Easel for ever. After a restart {@link #prepare} holds the unsent cells again.
 */
public final class SweepFanout implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SweepFanout.class);
    static final Duration ROUND = Duration.ofSeconds(1);
    /** How long no endpoint may be usable before the held cells are sent where they are. */
    static final Duration STALLED = Duration.ofMinutes(1);

    /** The queue of another endpoint a sweep shares: made and started when first asked for, holding what it is told. */
    public interface Lanes {
        /** The endpoint's queue (started), or empty when no profile has that endpoint or it can't be used. */
        Optional<JobQueue> queue(String endpointId, Predicate<Job> held);
    }

    private final JobQueue home;
    private final Lanes lanes;
    private final SweepJournal journal;
    private final Clock clock;
    /** Held cells: job id → its sweep. */
    private final Map<Long, String> held = new ConcurrentHashMap<>();
    /** The sweeps with held cells → their endpoints' ids, their own first. */
    private final Map<String, List<String>> sweeps = new LinkedHashMap<>();
    private final Map<String, Instant> stalledSince = new HashMap<>();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Map<String, JobQueue> queues = new ConcurrentHashMap<>();
    private final Set<String> absent = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> rounds;
    private Executor io;
    /** One round at a time: the timer's and one asked for by a new sweep never overlap. */
    private final AtomicBoolean inRound = new AtomicBoolean();

    public SweepFanout(JobQueue home, Lanes lanes, SweepJournal journal, Clock clock) {
        this.home = home;
        this.lanes = lanes;
        this.journal = journal;
        this.clock = clock;
        home.holdBack(this::isHeld);
        queues.put(home.endpoint.endpointId(), home);
    }

    /** Whether a queue must leave this job unsent: a shared sweep's cell not yet routed. */
    public boolean isHeld(Job j) {
        return held.containsKey(j.id());
    }

    /** Every queue the shared sweeps use, the studio's first. */
    public List<JobQueue> queues() {
        List<JobQueue> out = new ArrayList<>();
        out.add(home);
        queues.values().stream().filter(q -> q != home).forEach(out::add);
        return out;
    }

    /** The queue of an endpoint, made when first asked for; empty when it has none. Off the FX thread. */
    Optional<JobQueue> queue(String endpointId) {
        JobQueue q = queues.get(endpointId);
        if (q != null || absent.contains(endpointId)) {
            return Optional.ofNullable(q);
        }
        Optional<JobQueue> made = lanes.queue(endpointId, this::isHeld);
        if (made.isEmpty()) {
            absent.add(endpointId); // asked once a session: its cells go to the others
        }
        made.ifPresent(m -> {
            if (queues.putIfAbsent(endpointId, m) == null) {
                home.spending().alsoCount(m.spending()::session); // the studio's session cost counts its jobs too
            }
        });
        return made.map(m -> queues.get(endpointId));
    }

    /**
     * After a restart, before the studio's queue starts: holds the unsent cells of every shared sweep that had not
     * ended, and starts the queues of the endpoints they share (which resume their own jobs).
     */
    public void prepare() throws SQLException {
        for (SweepRun r : journal.unendedShared()) {
            List<Long> unsent = journal.unsent(r.cells());
            adopt(r, unsent);
            log.info("sweep {}: {} unsent cells to route over {} endpoints", r.id(), unsent.size(),
                    1 + r.sharedWith().size());
        }
    }

    /** Holds these new cells of a shared sweep (call before any queue tracks them) and opens its endpoints' queues. */
    void adopt(SweepRun r, List<Long> cells) {
        cells.forEach(c -> held.put(c, r.id()));
        List<String> ids = new ArrayList<>();
        ids.add(r.endpointId());
        r.sharedWith().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        Executor s;
        synchronized (this) {
            sweeps.put(r.id(), ids);
            s = io;
        }
        ids.forEach(this::queue);
        if (s != null) {
            s.execute(this::safeRound); // its first cells go now, not at the next tick of the timer
        }
    }

    /** The sweep is being cancelled: none of its cells is routed or moved from now on (a move under way ends first). */
    public synchronized void stop(String sweepId) {
        stopped.add(sweepId);
        sweeps.remove(sweepId);
    }

    /** Routes every round: timed by the scheduler, run on {@code io} (it reads /health: never on the ticking thread). */
    public synchronized void start(ScheduledExecutorService timer, Executor on) {
        io = on;
        rounds = timer.scheduleWithFixedDelay(() -> on.execute(this::safeRound), 0, ROUND.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void safeRound() {
        if (!inRound.compareAndSet(false, true)) {
            return;
        }
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("routing a shared sweep's cells failed; trying again", e);
        } finally {
            inRound.set(false);
        }
    }

    /** One round: each shared sweep's held cells sent where there is room. Reads /health: off the FX thread. */
    void round() {
        Map<String, List<String>> now;
        synchronized (this) {
            now = new LinkedHashMap<>(sweeps);
        }
        if (now.isEmpty()) {
            return;
        }
        Map<String, SweepRouter.Lane> seen = new HashMap<>();
        for (Map.Entry<String, List<String>> s : now.entrySet()) {
            route(s.getKey(), s.getValue(), seen);
        }
    }

    private void route(String sweep, List<String> endpointIds, Map<String, SweepRouter.Lane> seen) {
        List<JobQueue> qs = new ArrayList<>();
        endpointIds.forEach(id -> queue(id).ifPresent(qs::add));
        // the sweep's held cells, where they are
        Map<JobQueue, List<Job>> waiting = new LinkedHashMap<>();
        int count = 0;
        for (JobQueue q : queues()) {
            List<Job> mine = new ArrayList<>();
            for (Job j : q.jobs()) {
                if (sweep.equals(held.get(j.id()))) {
                    if (j.phase().isTerminal() || j.runpodId() != null) {
                        held.remove(j.id()); // cancelled meanwhile: nothing to route
                    } else {
                        mine.add(j);
                    }
                }
            }
            if (!mine.isEmpty()) {
                waiting.put(q, mine);
                count += mine.size();
            }
        }
        if (count == 0) {
            if (held.values().stream().noneMatch(sweep::equals)) {
                synchronized (this) {
                    sweeps.remove(sweep);
                    stalledSince.remove(sweep);
                }
            }
            return;
        }
        List<SweepRouter.Lane> lanes = new ArrayList<>();
        for (JobQueue q : qs) {
            lanes.add(seen.computeIfAbsent(q.endpoint.endpointId(), id -> lane(q)));
        }
        if (budgetWouldPass(lanes)) {
            // the studio's queue holds them by its budget and its banner asks: go on, or cancel
            waiting.getOrDefault(home, List.of()).forEach(j -> held.remove(j.id()));
            return;
        }
        Instant t = clock.instant();
        if (lanes.stream().noneMatch(SweepRouter::usable)) {
            Instant since;
            synchronized (this) {
                since = stalledSince.computeIfAbsent(sweep, s -> t);
            }
            if (!t.isBefore(since.plus(STALLED))) {
                log.warn("sweep {}: no endpoint it shares can take cells; its {} held cells are sent where they are",
                        sweep, count);
                waiting.values().forEach(js -> js.forEach(j -> held.remove(j.id())));
            }
            return;
        }
        synchronized (this) {
            stalledSince.remove(sweep);
        }
        if (stopped.contains(sweep)) {
            return;
        }
        int[] plan = SweepRouter.plan(lanes, count);
        Map<Long, JobQueue> from = new HashMap<>();
        waiting.forEach((q, js) -> js.forEach(j -> from.put(j.id(), q)));
        List<Job> elsewhere = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            List<Job> here = waiting.getOrDefault(qs.get(i), List.of());
            int n = Math.min(plan[i], here.size());
            here.subList(0, n).forEach(j -> held.remove(j.id())); // sent by the queue they are in
            plan[i] -= n;
            elsewhere.addAll(here.subList(n, here.size()));
        }
        waiting.forEach((q, js) -> {
            if (!qs.contains(q)) {
                elsewhere.addAll(js);
            }
        });
        for (int i = 0; i < qs.size(); i++) {
            for (; plan[i] > 0 && !elsewhere.isEmpty(); plan[i]--) {
                Job j = elsewhere.removeFirst();
                move(sweep, j, from.get(j.id()), qs.get(i));
                updateLane(seen, qs.get(i));
            }
        }
    }

    private void updateLane(Map<String, SweepRouter.Lane> seen, JobQueue q) {
        seen.computeIfPresent(q.endpoint.endpointId(), (id, l) -> new SweepRouter.Lane(l.health(), l.inFlight() + 1));
    }

    /** Moves an unsent cell from one queue to another: journaled first; under the fanout's lock (see {@link #stop}). */
    private synchronized void move(String sweep, Job j, JobQueue from, JobQueue to) {
        if (from == null || stopped.contains(sweep)) {
            return;
        }
        Optional<TrackedJob> taken = from.takeUnsent(j.id());
        if (taken.isEmpty()) {
            return; // being sent or cancelled just now: it stays where it is
        }
        TrackedJob t = taken.get();
        synchronized (t) {
            Job now = t.job;
            Optional<Job> moved = Optional.empty();
            if (now.phase() == JobPhase.PENDING && !now.outcome().cancelRequested()) {
                try {
                    moved = journal.moveTo(now, to.endpoint);
                } catch (SQLException e) {
                    log.warn("job {}: could not be moved to {}; it stays", now.id(), to.endpointName(), e);
                }
            }
            if (moved.isEmpty()) {
                from.track(t);
                return;
            }
            t.job = moved.get();
            held.remove(now.id());
            to.track(t);
            log.debug("sweep {}: job {} moved to {}", sweep, now.id(), to.endpointName());
        }
    }

    private SweepRouter.Lane lane(JobQueue q) {
        HealthResponse h;
        try {
            h = q.endpoint.client().health();
        } catch (RuntimeException e) { // RunpodException too
            log.debug("{}: /health could not be read", q.endpointName(), e);
            h = null;
        }
        int inFlight = (int) q.jobs().stream().filter(j -> !j.phase().isTerminal() && !isHeld(j)).count();
        return new SweepRouter.Lane(h, inFlight);
    }

    /**
     * Whether one more cell, with those running on every endpoint, could pass the studio's budget. The other endpoints'
     * queues have no budget of their own (a hold there would be seen nowhere): cells go to them only while it can't.
     */
    private boolean budgetWouldPass(List<SweepRouter.Lane> lanes) {
        Spending s = home.spending();
        if (!s.budget().any()) {
            return false;
        }
        double perJob = s.estimate(1).orElse(s.firstGuess(1).orElse(0));
        int running = lanes.stream().mapToInt(SweepRouter.Lane::inFlight).sum();
        return s.wouldPass((running + 1) * perJob).isPresent();
    }

    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }
}
