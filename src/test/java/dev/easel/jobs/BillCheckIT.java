package dev.easel.jobs;

import dev.easel.api.BillingReport;
import dev.easel.api.JobState;
import dev.easel.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Easel's estimate beside Runpod's bill: the journal's jobs of the bill's range, the ratio, a picture's cost. */
class BillCheckIT {

    @TempDir
    Path dir;
    private JobQueueHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new JobQueueHarness(dir); // endpoint "fake", $0.001 a second
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private BillingReport bill(Instant from, double... perHour) {
        List<BillingReport.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < perHour.length; i++) {
            Instant s = from.plus(Duration.ofHours(i));
            buckets.add(new BillingReport.Bucket(s, s.plus(Duration.ofHours(1)), "fake", perHour[i], perHour[i], 0, 0, 0));
        }
        buckets.add(new BillingReport.Bucket(from, from.plus(Duration.ofHours(1)), "other", 5, 5, 0, 0, 0));
        return new BillingReport(buckets, 99);
    }

    @Test
    void theJobsOfTheBillsRangeAreSetBesideItWithTheRatioAndAPicturesCost() throws Exception {
        Instant hour = h.clock.instant().minus(Duration.ofMinutes(30));
        h.queue.submit(JobQueueHarness.spec("a"));
        h.queue.submit(JobQueueHarness.spec("b"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 2000);
        h.runpod.move("job-2", JobState.COMPLETED, 3000);
        h.run(Duration.ofSeconds(1), 3);

        var r = h.queue.spending().reconcile(bill(hour, 0.004, 0.003), hour, hour.plus(Duration.ofHours(2)));
        assertThat(r.estimated()).isCloseTo(0.005, within(1e-9));
        assertThat(r.billed()).as("this endpoint's buckets only").isCloseTo(0.007, within(1e-9));
        assertThat(r.jobs()).isEqualTo(2);
        assertThat(r.pictures()).isEqualTo(2);
        assertThat(r.ratio()).isCloseTo(1.4, within(1e-9));
        assertThat(Messages.get(r.said())).isEqualTo("Easel estimated $0.0050, Runpod billed $0.0070 incl. idle time "
                + "and cold starts (1.4×). 2 pictures: $0.0035 each by the bill, $0.0025 by the estimate.");

        var buckets = h.queue.spending().reconcileBuckets(bill(hour, 0.004, 0.003));
        assertThat(buckets).as("this endpoint's, newest first").hasSize(2);
        assertThat(buckets.getFirst().from()).isEqualTo(hour.plus(Duration.ofHours(1)));
        assertThat(buckets.getFirst().jobs()).as("the jobs ended in the first hour").isZero();
        assertThat(buckets.getLast().jobs()).isEqualTo(2);
        assertThat(buckets.getLast().billed()).isCloseTo(0.004, within(1e-9));

        var before = h.queue.spending().reconcile(bill(hour.minus(Duration.ofHours(5)), 0.01),
                hour.minus(Duration.ofHours(5)), hour);
        assertThat(before.jobs()).as("jobs outside the bill's range are not counted").isZero();
        assertThat(Messages.get(before.said())).startsWith("Runpod billed $0.0100 and no job of Easel's ended");
    }

    @Test
    void aBillNotYetInAndNothingAtAllAreSaidPlainly() throws Exception {
        Instant from = h.clock.instant().minus(Duration.ofHours(1));
        Instant to = h.clock.instant().plus(Duration.ofHours(1));
        var empty = new BillingReport(List.of(), 0);
        assertThat(Messages.get(h.queue.spending().reconcile(empty, from, to).said()))
                .isEqualTo("No jobs ended and Runpod billed nothing.");
        h.queue.submit(JobQueueHarness.spec("a"));
        h.tick();
        h.runpod.move("job-1", JobState.COMPLETED, 4000);
        h.run(Duration.ofSeconds(1), 3);
        var r = h.queue.spending().reconcile(empty, from, to);
        assertThat(Double.isNaN(r.ratio())).isTrue();
        assertThat(Messages.get(r.said())).isEqualTo("Easel estimated $0.0040 for 1 job; Runpod's bill shows nothing "
                + "yet (it can lag by an hour).");
    }
}
