package dev.easel.ui.queue;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.text.Text;
import javafx.scene.control.Button;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The texts of a queue row. */
class JobCellUiTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // a ListCell needs JavaFX started
    }

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Job job(JobPhase phase, Duration delay, Duration execution, String note, Job.Live live) {
        return new Job(1, 3, phase, "r1", new Job.About("Demo", "demo", "a fox", 42L, 0.001, null),
                new Job.Timings(NOW, NOW, null, null, delay, execution),
                new Job.Outcome(null, null, Text.literal(note), List.<Path>of(), false, false), live);
    }

    @Test
    void timingsAreSeparated() {
        Job j = job(JobPhase.COMPLETED, Duration.ofMillis(3000), Duration.ofMillis(1500), null, Job.Live.NONE);
        assertThat(JobCell.timings(j)).isEqualTo("seed\u00a042 · queue\u00a03.0\u00a0s · run\u00a01.5\u00a0s")
                .as("a line breaks only between the parts").doesNotContain("queue ", "run ");
        assertThat(JobCell.cost(j)).isEqualTo("≈ $0.0015");
    }

    @Test
    void theCostSaysHowItIsReckonedAndThatTheBillIsHigher() {
        Job j = job(JobPhase.COMPLETED, Duration.ofMillis(3000), Duration.ofMillis(1500), null, Job.Live.NONE);
        assertThat(JobCell.costNote(j)).startsWith("≈ GPU time × price: 1.5 s × $0.00100/s.")
                .contains("cold starts and idle time");
        Job fetched = new Job(2, 1, JobPhase.COMPLETED, "r1", new Job.About("Demo", "demo", "a fox", 42L, 0, 1L),
                j.timings(), j.outcome(), Job.Live.NONE);
        assertThat(JobCell.cost(fetched)).isEmpty();
        assertThat(JobCell.costNote(fetched)).contains("No GPU cost");
        assertThat(JobCell.costNote(job(JobPhase.IN_QUEUE, null, null, null, Job.Live.NONE))).isNull();
    }

    @Test
    void aRequestWaitingToBeTriedAgainSaysWhenWhichAttemptAndWhy() {
        Job j = job(JobPhase.IN_QUEUE, null, null, "last: HTTP 503",
                new Job.Live(-1, false, false, NOW.plusMillis(11_200), 2));
        assertThat(JobCell.note(j, NOW)).isEqualTo("Retrying in 12 s (attempt 3) — last: HTTP 503");
        assertThat(JobCell.note(job(JobPhase.IN_QUEUE, null, null, "x", Job.Live.NONE), NOW)).isEqualTo("x");
    }

    @Test
    void aJobWaitingOnARetryOffersTryNowAndItReachesTheQueue() {
        List<Job> tried = new ArrayList<>();
        var cell = new JobCell(j -> { }, j -> { }, j -> { }, tried::add);
        Job waiting = job(JobPhase.PENDING, null, null, "Not sent yet — last: no connection",
                new Job.Live(-1, false, false, Instant.now().plusSeconds(20), 3));
        cell.updateItem(waiting, false);
        Button tryNow = button(cell, "tryNowJobButton");
        assertThat(tryNow.isVisible()).isTrue();
        assertThat(tryNow.getText()).isEqualTo("Try now");
        tryNow.fire();
        assertThat(tried).containsExactly(waiting);

        cell.updateItem(job(JobPhase.IN_QUEUE, null, null, null, Job.Live.NONE), false);
        assertThat(button(cell, "tryNowJobButton").isVisible()).as("nothing to try again").isFalse();
        cell.updateItem(job(JobPhase.FAILED, null, null, null, new Job.Live(-1, false, false, NOW, 3)), false);
        assertThat(button(cell, "tryNowJobButton").isVisible()).as("an ended job").isFalse();
    }

    private static Button button(JobCell cell, String id) {
        return (Button) cell.getGraphic().lookup("#" + id);
    }

    @Test
    void progressIsSaidAsThePercentTheWorkerGaveOrAsAnEstimate() {
        Job said = job(JobPhase.IN_PROGRESS, null, null, null, new Job.Live(0.45, false, false, null, 0));
        Job guessed = job(JobPhase.IN_PROGRESS, null, null, null, new Job.Live(0.454, true, false, null, 0));
        assertThat(JobCell.percent(said)).isEqualTo("45 %");
        assertThat(JobCell.percent(guessed)).isEqualTo("≈ 45 %");
        assertThat(PendingStrip.words(said)).isEqualTo("Running · 45 %");
        assertThat(PendingStrip.words(guessed)).isEqualTo("Running · ≈ 45 % (estimated from earlier run times)");
        assertThat(PendingStrip.words(job(JobPhase.IN_PROGRESS, null, null, null, Job.Live.NONE))).isEqualTo("Running");
        assertThat(PendingStrip.words(job(JobPhase.IN_QUEUE, null, null, null, Job.Live.NONE))).isEqualTo("In queue");
    }
}
