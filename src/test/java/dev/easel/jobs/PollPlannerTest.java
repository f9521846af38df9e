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
}
