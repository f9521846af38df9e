package dev.easel.jobs;

import dev.easel.api.JobState;
import dev.easel.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Budgets: the queue holds jobs back before sending one could pass a budget, and says so; going on sends them. */
class BudgetIT {

    private static final Duration SECOND = Duration.ofSeconds(1);
    @TempDir
    Path dir;
    private JobQueueHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new JobQueueHarness(dir); // $0.001 a second; before a job has finished, one is expected to run 20 s
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private List<Job> submit(int n) throws Exception {
        List<Job> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(h.queue.submit(JobQueueHarness.spec("b" + i)));
        }
        return out;
    }

    private long pending() {
        return h.queue.jobs().stream().filter(j -> j.phase() == JobPhase.PENDING).count();
    }

    @Test
    void aSessionBudgetHoldsTheJobThatCouldPassItAndEveryOneAfter() throws Exception {
        h.queue.spending().set(new Budget(0, 0, 0.05), h.clock.instant());
        submit(4);
        h.tick();
        // two expected at $0.02 each fit in $0.05; a third could pass it
        assertThat(h.runpod.created("b0") + h.runpod.created("b1")).isEqualTo(2);
        assertThat(h.runpod.created("b2") + h.runpod.created("b3")).isZero();
        assertThat(pending()).isEqualTo(2);
        Budget.Stop stop = h.queue.spending().stop().orElseThrow();
        assertThat(stop.period()).isEqualTo(Budget.Period.SESSION);
        assertThat(stop.waiting()).isEqualTo(2);
        assertThat(stop.running()).isCloseTo(0.04, within(1e-9));
        assertThat(Messages.get(stop.said())).isEqualTo("Paused: this session's budget of $0.0500 would be passed. "
                + "Easel's estimate so far is $0.0400 and the next job about $0.0200; 2 jobs wait. "
                + "Go on past it until Easel closes, or cancel them.");

        h.run(SECOND, 5);
        assertThat(h.runpod.created("b2")).as("still held").isZero();

        // the two end after 5 s each: $0.01 spent; with the learned 5 s a job, two more fit
        h.runpod.move("job-1", JobState.COMPLETED, 5000);
        h.runpod.move("job-2", JobState.COMPLETED, 5000);
        h.run(SECOND, 3);
        assertThat(h.queue.spending().session()).isCloseTo(0.01, within(1e-9));
        assertThat(h.runpod.created("b2") + h.runpod.created("b3")).isEqualTo(2);
        assertThat(h.queue.spending().stop()).isEmpty();
    }

    @Test
    void goingPastTheBudgetSendsTheHeldJobsAndItIsNotCheckedAgainThatDay() throws Exception {
        h.queue.spending().set(new Budget(0.03, 0, 0), h.clock.instant());
        submit(3);
        h.tick();
        assertThat(pending()).isEqualTo(2);
        assertThat(h.queue.spending().stop()).map(Budget.Stop::period).contains(Budget.Period.DAY);

        h.queue.spending().waive(Budget.Period.DAY);
        h.tick();
        assertThat(pending()).isZero();
        submit(1);
        h.tick();
        assertThat(pending()).as("waived for the rest of the day").isZero();

        h.clock.advance(Duration.ofDays(1)); // the next day the budget holds again
        h.runpod.move("job-1", JobState.COMPLETED, 1000);
        h.run(SECOND, 2);
        submit(3);
        h.tick();
        assertThat(pending()).isPositive();
    }

    @Test
    void aMonthBudgetCountsJobsOfEarlierSessionsFromTheJournal() throws Exception {
        submit(1);
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 30_000); // $0.03
        h.run(SECOND, 2);
        h.restart(); // another session, the same month
        h.queue.spending().set(new Budget(0, 0.04, 0), h.clock.instant());
        submit(1);
        h.tick();
        assertThat(pending()).as("$0.03 spent + $0.02 expected passes $0.04").isEqualTo(1);
        assertThat(h.queue.spending().stop().orElseThrow().spent()).isCloseTo(0.03, within(1e-9));

        h.queue.spending().set(Budget.NONE, null); // the budget is removed in Settings
        h.tick();
        assertThat(pending()).isZero();
        assertThat(h.queue.spending().stop()).isEmpty();
    }

    @Test
    void theEstimateBeforeALargeBatchKnowsWhichBudgetItWouldPass() {
        assertThat(h.queue.spending().estimate(3)).as("no job finished here yet").isEmpty();
        assertThat(h.queue.spending().firstGuess(3).getAsDouble()).isCloseTo(0.06, within(1e-9));
        h.queue.spending().set(new Budget(0, 0.10, 0.05), h.clock.instant());
        h.tick();
        assertThat(h.queue.spending().wouldPass(0.04)).isEmpty();
        assertThat(h.queue.spending().wouldPass(0.06)).contains(Budget.Period.SESSION);
        h.queue.spending().waive(Budget.Period.SESSION);
        assertThat(h.queue.spending().wouldPass(0.06)).as("waived").isEmpty();
        assertThat(h.queue.spending().wouldPass(0.11)).contains(Budget.Period.MONTH);
    }

    @Test
    void aCancelledHeldJobIsNeverSentAndTheStopGoesWithIt() throws Exception {
        h.queue.spending().set(new Budget(0, 0, 0.01), h.clock.instant());
        Job only = submit(1).getFirst();
        h.tick();
        assertThat(h.queue.spending().stop()).isPresent();
        h.queue.cancel(only.id()).get();
        h.tick();
        assertThat(h.job(only.id()).phase()).isEqualTo(JobPhase.CANCELLED);
        assertThat(h.runpod.created("b0")).isZero();
        assertThat(h.queue.spending().stop()).isEmpty();
    }
}
