package dev.easel.jobs;

import dev.easel.workflow.Parameter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * When to ask Runpod about a job next. Without a worker's progress, completion can only be seen by polling; this
 * plans polls from what the endpoint taught it: execution time grows about linearly with the sampling work
 * (steps × megapixels × batch), so each finished job refines a line {@code time = a + b · work}. A job's polls
 * are one long wait while it surely runs, then short polls around its predicted end, all within a budget of
 * {@code maxRate} status requests per second per job. While a job is queued it is asked at the steady pace, so
 * its start shows within {@code 1 / maxRate} seconds.
 */
public final class PollPlanner {

    /**
     * What the planner needs to know of one job.
     *
     * @param since   when polling of this job began (its submission)
     * @param started when it started running, once known (submission + queue delay)
     * @param work    steps × megapixels × batch, or 0 when unknown
     */
    public record Polling(JobPhase phase, Instant since, int pollsSent, Instant started, double work) {
        public Polling(JobPhase phase, Instant since, int pollsSent, Instant started) {
            this(phase, since, pollsSent, started, 0);
        }
    }

    private record Sample(double work, long ms) { }

    private static final int HISTORY = 40;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(20);
    private static final long MIN_SPREAD_MS = 60;

    private final double maxRate;
    private final Duration dense;
    private final boolean learning;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /**
     * @param maxRate status requests per second per job, at most, on average
     * @param dense   the shortest interval, near the expected end
     */
    public PollPlanner(double maxRate, Duration dense) {
        this(maxRate, dense, true);
    }

    private PollPlanner(double maxRate, Duration dense, boolean learning) {
        this.maxRate = maxRate;
        this.dense = dense;
        this.learning = learning;
    }

    public static PollPlanner standard() {
        return new PollPlanner(0.5, Duration.ofMillis(150));
    }

    /** Polls at one fixed interval, learning nothing: what runpod-python's {@code Job.output()} does (1 s). */
    public static PollPlanner fixed(Duration interval) {
        return new PollPlanner(1000.0 / interval.toMillis(), interval, false);
    }

    /** Learns from a finished job of unknown work. */
    public void learn(Duration execution) {
        learn(execution, 0);
    }

    /** Learns from a finished job. */
    public synchronized void learn(Duration execution, double work) {
        if (!learning || execution == null || execution.isNegative()) {
            return;
        }
        samples.addFirst(new Sample(work, execution.toMillis()));
        while (samples.size() > HISTORY) {
            samples.removeLast();
        }
    }

    /** The typical execution time, when enough is known. */
    public synchronized Duration typical() {
        return samples.size() < 2 ? null : Duration.ofMillis(quantile(times(), 0.5));
    }

    /** The expected execution time of a job and how far off it may be: {predicted ms, spread ms}, or null. */
    synchronized long[] predict(double work) {
        if (samples.size() < 2) {
            return null;
        }
        List<Sample> withWork = samples.stream().filter(s -> s.work() > 0).toList();
        if (work > 0 && withWork.size() >= 3) {
            double mx = withWork.stream().mapToDouble(Sample::work).average().orElse(0);
            double my = withWork.stream().mapToDouble(Sample::ms).average().orElse(0);
            double sxx = 0;
            double sxy = 0;
            for (Sample s : withWork) {
                sxx += (s.work() - mx) * (s.work() - mx);
                sxy += (s.work() - mx) * (s.ms() - my);
            }
            double b = sxx > 1e-9 ? sxy / sxx : 0;
            double a = my - b * mx;
            List<Long> residuals = new ArrayList<>();
            for (Sample s : withWork) {
                residuals.add(Math.abs(Math.round(s.ms() - (a + b * s.work()))));
            }
            long spread = Math.max(MIN_SPREAD_MS, quantile(residuals, 0.9));
            return new long[] {Math.max(0, Math.round(a + b * work)), spread};
        }
        List<Long> t = times();
        long mid = quantile(t, 0.5);
        return new long[] {mid, Math.max(MIN_SPREAD_MS, Math.max(mid - quantile(t, 0.1), quantile(t, 0.9) - mid))};
    }

    /** How long to wait before the next status request. */
    public Duration next(Polling p, Instant now) {
        Duration steady = Duration.ofMillis((long) (1000 / maxRate));
        long[] prediction = learning ? predict(p.work()) : null;
        if (prediction == null || !(p.phase() == JobPhase.IN_PROGRESS || p.phase() == JobPhase.IN_QUEUE)) {
            return steady;
        }
        // while queued, plan as if it started now: with an idle worker that is nearly true, and a poll that
        // finds it still queued (or running, with its real start) corrects the plan
        Instant started = p.started() != null ? p.started() : (p.phase() == JobPhase.IN_QUEUE ? now : null);
        if (started == null) {
            return steady;
        }
        long elapsed = Duration.between(started, now).toMillis();
        long early = prediction[0] - prediction[1];
        long late = prediction[0] + prediction[1];
        long denseMs = dense.toMillis();
        long sinceMs = Duration.between(p.since(), now).toMillis();
        Duration wait;
        if (elapsed < early - denseMs) {
            wait = Duration.ofMillis(Math.min(early - elapsed, LONGEST_WAIT.toMillis()));
        } else if (elapsed <= late + denseMs) {
            // spread the polls the budget still allows evenly over what is left of the expected window
            long windowLeft = late + denseMs - elapsed;
            double budgetLeft = maxRate * (sinceMs + windowLeft) / 1000.0 + 1 - p.pollsSent();
            wait = budgetLeft >= 1 ? Duration.ofMillis(Math.max(denseMs, (long) (windowLeft / budgetLeft))) : steady;
        } else {
            wait = steady; // later than expected: back to the steady pace
        }
        if (p.phase() == JobPhase.IN_QUEUE && wait.compareTo(steady) > 0) {
            // a queued job may start at any moment (a worker frees up): its start is seen within one steady pace,
            // and the budget saved while it surely runs pays for the dense polls at its end
            wait = steady;
        }
        // the budget: over the job's polling so far, at most maxRate requests per second, plus one spare
        double allowed = maxRate * Duration.between(p.since(), now.plus(wait)).toMillis() / 1000.0 + 1;
        if (p.pollsSent() + 1 > allowed) {
            long needMs = (long) Math.ceil(p.pollsSent() / maxRate * 1000) - sinceMs;
            wait = Duration.ofMillis(Math.max(wait.toMillis(), needMs));
        }
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }

    private List<Long> times() {
        List<Long> t = new ArrayList<>();
        samples.forEach(s -> t.add(s.ms()));
        return t;
    }

    private static long quantile(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.round(q * (sorted.size() - 1))));
        return sorted.get(i);
    }

    /** Sampling work of a job, steps × megapixels × batch, from its parameters; 0 when they are not all known. */
    static double work(Map<Parameter, Object> p) {
        if (!(p.get(Parameter.STEPS) instanceof Number steps) || !(p.get(Parameter.WIDTH) instanceof Number w)
                || !(p.get(Parameter.HEIGHT) instanceof Number h)) {
            return 0;
        }
        double batch = p.get(Parameter.BATCH_SIZE) instanceof Number b ? b.doubleValue() : 1;
        return steps.doubleValue() * w.doubleValue() * h.doubleValue() / 1e6 * batch;
    }
}
