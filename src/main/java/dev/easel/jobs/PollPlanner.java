package dev.easel.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * When to ask Runpod about a job next. Without a worker's progress, completion can only be seen by polling; this
 * plans polls from the endpoint's learned execution times: one long wait while the job surely runs, then short
 * polls around the expected end, within a budget of {@code maxRate} status requests per second per job.
 */
public final class PollPlanner {

    /** What the planner needs to know of one job. */
    public record Polling(JobPhase phase, Instant since, int pollsSent, Instant started) { }

    private static final int HISTORY = 30;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(20);

    private final double maxRate;
    private final Duration dense;
    private final Deque<Long> executionsMs = new ArrayDeque<>();

    /**
     * @param maxRate status requests per second per job, at most, on average
     * @param dense   the interval near the expected end
     */
    public PollPlanner(double maxRate, Duration dense) {
        this.maxRate = maxRate;
        this.dense = dense;
    }

    public static PollPlanner standard() {
        return new PollPlanner(0.5, Duration.ofMillis(200));
    }

    /** Learns from a finished job. */
    public synchronized void learn(Duration execution) {
        if (execution == null || execution.isNegative()) {
            return;
        }
        executionsMs.addFirst(execution.toMillis());
        while (executionsMs.size() > HISTORY) {
            executionsMs.removeLast();
        }
    }

    /** The typical execution time, when enough is known. */
    public synchronized Duration typical() {
        return executionsMs.size() < 2 ? null : Duration.ofMillis(quantile(0.5));
    }

    /** How long to wait before the next status request. */
    public synchronized Duration next(Polling p, Instant now) {
        Duration steady = Duration.ofMillis((long) (1000 / maxRate));
        if (p.phase() != JobPhase.IN_PROGRESS || executionsMs.size() < 2 || p.started() == null) {
            return steady;
        }
        long elapsed = Duration.between(p.started(), now).toMillis();
        long early = quantile(0.1);
        long late = quantile(0.9);
        long denseMs = dense.toMillis();
        long sinceMs = Duration.between(p.since(), now).toMillis();
        Duration wait;
        if (elapsed < early - denseMs) {
            wait = Duration.ofMillis(Math.min(early - denseMs / 2 - elapsed, LONGEST_WAIT.toMillis()));
        } else if (elapsed <= late + denseMs) {
            // spread the polls the budget still allows evenly over what is left of the expected window
            long windowLeft = late + denseMs - elapsed;
            long lateSince = sinceMs + windowLeft;
            double budgetLeft = maxRate * lateSince / 1000.0 + 1 - p.pollsSent();
            wait = budgetLeft >= 1 ? Duration.ofMillis(Math.max(denseMs, (long) (windowLeft / budgetLeft))) : steady;
        } else {
            wait = steady; // longer than ever seen: back to the steady pace
        }
        // the budget: over the job's polling so far, at most maxRate requests per second, plus one spare
        double allowed = maxRate * Duration.between(p.since(), now.plus(wait)).toMillis() / 1000.0 + 1;
        if (p.pollsSent() + 1 > allowed) {
            long needMs = (long) Math.ceil((p.pollsSent() + 1 - 1) / maxRate * 1000)
                    - Duration.between(p.since(), now).toMillis();
            wait = Duration.ofMillis(Math.max(wait.toMillis(), needMs));
        }
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }

    private long quantile(double q) {
        List<Long> sorted = new ArrayList<>(executionsMs);
        Collections.sort(sorted);
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.round(q * (sorted.size() - 1))));
        return sorted.get(i);
    }
}
