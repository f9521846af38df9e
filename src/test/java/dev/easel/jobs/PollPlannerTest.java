package dev.easel.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PollPlannerTest {

    private final Instant t0 = Instant.parse("2026-11-24T12:00:00Z");

    /** Simulates polling one job that runs {@code runMs}; returns {polls, detection latency ms}. */
    private long[] simulate(PollPlanner planner, long runMs) {
        Instant now = t0;
        int polls = 0;
        while (true) {
            Duration wait = planner.next(new PollPlanner.Polling(JobPhase.IN_PROGRESS, t0, polls, t0), now);
            now = now.plus(wait);
            polls++;
            long elapsed = Duration.between(t0, now).toMillis();
            if (elapsed >= runMs) {
                return new long[] {polls, elapsed - runMs};
            }
        }
    }

    @Test
    void withoutHistoryItPollsAtTheSteadyPace() {
        PollPlanner p = PollPlanner.standard();
        assertThat(p.next(new PollPlanner.Polling(JobPhase.IN_PROGRESS, t0, 0, t0), t0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.next(new PollPlanner.Polling(JobPhase.IN_QUEUE, t0, 0, null), t0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.typical()).isNull();
    }

    @Test
    void withHistoryItWaitsOnceThenPollsDenselyNearTheEndWithinTheBudget() {
        PollPlanner p = PollPlanner.standard();
        for (long ms : new long[] {9_000, 9_500, 10_000, 10_500, 11_000}) {
            p.learn(Duration.ofMillis(ms));
        }
        assertThat(p.typical()).isEqualTo(Duration.ofMillis(10_000));
        for (long run : new long[] {9_200, 10_000, 10_900}) {
            long[] r = simulate(p, run);
            assertThat(r[1]).as("detected soon after a %d ms run ends", run).isLessThanOrEqualTo(600);
            assertThat(r[0] / (run / 1000.0)).as("requests per second").isLessThanOrEqualTo(0.5 + 1.0 / (run / 1000.0));
        }
    }

    @Test
    void aJobLongerThanEverSeenFallsBackToTheSteadyPace() {
        PollPlanner p = PollPlanner.standard();
        p.learn(Duration.ofSeconds(4));
        p.learn(Duration.ofSeconds(4));
        long[] r = simulate(p, 30_000);
        assertThat(r[0]).isLessThanOrEqualTo(16); // ≤ 0.5/s over 30 s, plus one
    }

    /**
     * Simulates a job queued for {@code queueMs} that then runs {@code runMs}; the poll that finds it running learns
     * its real start (Runpod's delayTime). Returns {polls, start detection latency ms, end detection latency ms}.
     */
    private long[] simulateQueued(PollPlanner planner, long queueMs, long runMs) {
        Instant now = t0;
        int polls = 0;
        long startSeen = -1;
        while (true) {
            boolean running = startSeen >= 0;
            Duration wait = planner.next(new PollPlanner.Polling(running ? JobPhase.IN_PROGRESS : JobPhase.IN_QUEUE,
                    t0, polls, running ? t0.plusMillis(queueMs) : null), now);
            now = now.plus(wait);
            polls++;
            long elapsed = Duration.between(t0, now).toMillis();
            if (elapsed >= queueMs + runMs) {
                return new long[] {polls, startSeen < 0 ? elapsed - queueMs : startSeen, elapsed - queueMs - runMs};
            }
            if (!running && elapsed >= queueMs) {
                startSeen = elapsed - queueMs;
            }
        }
    }

    @Test
    void aQueuedJobsStartIsSeenWithinTheSteadyPaceAndItsEndStillSoonWithinTheBudget() {
        PollPlanner p = PollPlanner.standard();
        for (long ms : new long[] {9_000, 9_500, 10_000, 10_500, 11_000}) {
            p.learn(Duration.ofMillis(ms));
        }
        for (long queue : new long[] {0, 700, 5_300, 14_100, 41_900}) {
            long[] r = simulateQueued(p, queue, 10_000);
            assertThat(r[1]).as("start seen after %d ms in the queue", queue).isLessThanOrEqualTo(2_000);
            assertThat(r[2]).as("end seen after %d ms in the queue", queue).isLessThanOrEqualTo(600);
            double seconds = (queue + 10_000 + r[2]) / 1000.0;
            assertThat(r[0] / seconds).as("requests per second").isLessThanOrEqualTo(0.5 + 1.0 / seconds);
        }
    }
}
