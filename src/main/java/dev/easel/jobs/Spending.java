package dev.easel.jobs;

import dev.easel.api.BillingReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;

/**
 * What the queue's jobs cost: what was spent (estimated from GPU time × price), what more jobs would cost, and the
 * budgets. Asked by the queue before it sends a job: would the job's expected cost, with what the day, the month and the
 * session have spent and what the jobs already sent are expected to cost, pass a budget? Spending is read from the
 * journal (every profile's jobs, cleared or not) when a job has ended since the last read, and when the day turns.
 * A budget the user chose to go past stays waived until its period ends.
 */
public final class Spending {

    private static final Logger log = LoggerFactory.getLogger(Spending.class);
    /** What a job is expected to run for before any has finished on this endpoint: FLUX on a warm 24 GB GPU. */
    static final Duration FIRST_GUESS = Duration.ofSeconds(20);

    private final JobJournal journal;
    private final PollPlanner planner;
    private final JobEndpoint endpoint;
    private final DoubleSupplier sessionSpent;
    private final Clock clock;
    private final ZoneId zone;
    private volatile Instant sessionStart;
    private volatile Budget budget = Budget.NONE;
    private final List<DoubleSupplier> others = new CopyOnWriteArrayList<>();
    private final Map<Budget.Period, Double> spent = new EnumMap<>(Budget.Period.class);
    /** The period whose budget the user went past, with the day it was waived on. */
    private final Map<Budget.Period, LocalDate> waived = new EnumMap<>(Budget.Period.class);
    private LocalDate readOn;
    private double readAt = -1;
    private volatile Budget.Stop stop;
    /** This tick's tally, under the queue's lock: the expected cost of the jobs sent and not ended, and of one more. */
    private double running;
    private double perJob;
    private int waiting;
    private boolean held;

    Spending(JobJournal journal, PollPlanner planner, JobEndpoint endpoint, DoubleSupplier sessionSpent, Clock clock,
             ZoneId zone, Instant sessionStart) {
        this.journal = journal;
        this.planner = planner;
        this.endpoint = endpoint;
        this.sessionSpent = sessionSpent;
        this.clock = clock;
        this.zone = zone;
        this.sessionStart = sessionStart;
    }

    /**
     * About what {@code jobs} more jobs like the recent ones would cost: their typical execution time × the price;
     * empty while no job has finished on this endpoint (or no price is set).
     */
    public OptionalDouble estimate(int jobs) {
        Duration typical = planner.typical();
        if (typical == null || endpoint.pricePerSecond() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(jobs * typical.toMillis() / 1000.0 * endpoint.pricePerSecond());
    }

    /** What {@code jobs} jobs would cost at the first guess of {@link #FIRST_GUESS} each; empty without a price. */
    public OptionalDouble firstGuess(int jobs) {
        return endpoint.pricePerSecond() <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(jobs * FIRST_GUESS.toMillis() / 1000.0 * endpoint.pricePerSecond());
    }

    /**
     * The first budget that {@code more} dollars of new jobs would pass, with what was spent as last read: the
     * queue would hold the jobs past it and ask.
     */
    public synchronized Optional<Budget.Period> wouldPass(double more) {
        for (Budget.Period p : Budget.Period.values()) {
            double limit = budget.limit(p);
            if (limit > 0 && !waived.containsKey(p) && spent.getOrDefault(p, 0.0) + more > limit + 1e-12) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The typical execution time of a job on this endpoint, once a few have finished; else null. */
    public Duration typicalExecution() {
        return planner.typical();
    }

    /** What the GPU time of the jobs that ended since this queue started cost (clearing rows doesn't change it). */
    public double session() {
        return sessionSpent.getAsDouble() + others.stream().mapToDouble(DoubleSupplier::getAsDouble).sum();
    }

    /** Counts another queue's session spending in this one's (the endpoints a shared sweep uses, in the studio's). */
    void alsoCount(DoubleSupplier other) {
        others.add(other);
    }

    /** What the GPU time of every job that ended since {@code since} cost, from the journal. Reads the database. */
    public double since(Instant since) throws SQLException {
        return journal.spentSince(since);
    }

    /** Runpod's bill for this endpoint beside Easel's estimates of the same range (reads the database). */
    public BillCheck.Reconciled reconcile(BillingReport report, Instant from, Instant to) throws SQLException {
        return BillCheck.reconcile(report, endpoint.endpointId(), from, to, journal);
    }

    /** Runpod's bill for this endpoint bucket by bucket, each beside Easel's estimate of it, newest first. */
    public List<BillCheck.Reconciled> reconcileBuckets(BillingReport report) throws SQLException {
        return BillCheck.byBucket(report, endpoint.endpointId(), journal);
    }

    /**
     * The budgets to hold jobs by (none by default), the session's spending counted from {@code session} (when Easel
     * started: a queue made again for another endpoint goes on with the same session).
     */
    public void set(Budget b, Instant session) {
        budget = b == null ? Budget.NONE : b;
        synchronized (this) {
            sessionStart = session == null ? sessionStart : session;
            readOn = null; // read again at the next tick
            if (!budget.any()) {
                stop = null;
            }
        }
    }

    public Budget budget() {
        return budget;
    }

    /**
     * Reads what was spent when it may have changed (the queue's running total grew: a job ended) or the day turned.
     * Off the queue's lock: it reads the database.
     */
    void refresh() {
        if (!budget.any()) {
            return;
        }
        double session = sessionSpent.getAsDouble();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        synchronized (this) {
            if (today.equals(readOn) && session == readAt) {
                return;
            }
        }
        ZonedDateTime day = today.atStartOfDay(zone);
        try {
            double d = journal.spentSince(day.toInstant());
            double m = journal.spentSince(day.withDayOfMonth(1).toInstant());
            double s = journal.spentSince(sessionStart);
            synchronized (this) {
                spent.put(Budget.Period.DAY, d);
                spent.put(Budget.Period.MONTH, m);
                spent.put(Budget.Period.SESSION, s);
                waived.entrySet().removeIf(e -> !sameSpan(e.getKey(), e.getValue(), today));
                readOn = today;
                readAt = session;
            }
        } catch (SQLException e) {
            log.warn("spending could not be read for the budget", e);
        }
    }

    private static boolean sameSpan(Budget.Period p, LocalDate waivedOn, LocalDate today) {
        return switch (p) {
            case DAY -> waivedOn.equals(today);
            case MONTH -> waivedOn.withDayOfMonth(1).equals(today.withDayOfMonth(1));
            case SESSION -> true;
        };
    }

    /** At the start of a tick, under the queue's lock: what is running and waiting, and what one more job costs. */
    synchronized void count(Collection<TrackedJob> jobs) {
        Duration typical = planner.typical();
        perJob = (typical == null ? FIRST_GUESS : typical).toMillis() / 1000.0 * endpoint.pricePerSecond();
        running = 0;
        waiting = 0;
        held = false;
        for (TrackedJob t : jobs) {
            Job j = t.job;
            if (j.phase() == JobPhase.PENDING) {
                waiting++;
            } else if (!j.phase().isTerminal()) {
                running += j.timings().execution() != null ? j.cost() : perJob;
            }
        }
        if (waiting == 0) {
            stop = null;
        }
    }

    /** Whether the next waiting job may be sent; once one is held, every later one in the tick is too. */
    synchronized boolean maySend() {
        if (held) {
            return false;
        }
        Optional<Budget.Period> passed = wouldPass(running + perJob);
        stop = passed.map(p -> new Budget.Stop(p, budget.limit(p), spent.getOrDefault(p, 0.0), running, perJob,
                waiting)).orElse(null);
        held = passed.isPresent();
        return !held;
    }

    /** A job was sent: it runs now. */
    synchronized void sent() {
        running += perJob;
        waiting--;
    }

    /** Why jobs wait unsent, when a budget holds them. */
    public Optional<Budget.Stop> stop() {
        return Optional.ofNullable(stop);
    }

    /** The user goes past this period's budget: it is not checked again until the period ends. */
    public synchronized void waive(Budget.Period p) {
        waived.put(p, LocalDate.now(clock.withZone(zone)));
        stop = null;
    }
}
