package dev.easel.ui;

import dev.easel.io.DesktopNotifier;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.text.Text;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs that end while the window is in the background are told once, by the desktop or else by the studio. */
class JobNotificationsUiTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static Job job(long id, JobPhase phase, String prompt, Text error, int files) {
        return new Job(id, 3, phase, "r" + id, new Job.About("Demo", "demo", prompt, 1L, 0, null),
                new Job.Timings(Instant.EPOCH, Instant.EPOCH, null, null, null, null),
                new Job.Outcome(error, null, null, Collections.nCopies(files, Path.of("x.png")), false, false),
                Job.Live.NONE);
    }

    @Test
    void jobsEndingTogetherAreOneNotificationAndACancelIsNotNews() {
        List<String> shown = new CopyOnWriteArrayList<>();
        List<String> inApp = new CopyOnWriteArrayList<>();
        AtomicBoolean away = new AtomicBoolean(true);
        DesktopNotifier desktop = (title, body) -> shown.add(title + " | " + body);
        var n = new JobNotifications(desktop, Runnable::run, Platform::runLater, away::get, inApp::add);
        Platform.runLater(() -> {
            n.ended(job(1, JobPhase.COMPLETED, "a red fox", null, 2));
            n.ended(job(2, JobPhase.COMPLETED, "an owl", null, 1));
            n.ended(job(3, JobPhase.CANCELLED, "cancelled", null, 0));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !shown.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown).containsExactly("3 pictures are done | a red fox");
        assertThat(inApp).isEmpty();

        away.set(false); // the window is in front: the queue says it, the desktop doesn't
        Platform.runLater(() -> n.ended(job(4, JobPhase.COMPLETED, "x", null, 1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(JobNotifications.GATHER.toMillis()).isPositive();
    }

    @Test
    void withoutADesktopServiceTheStudioSaysIt() {
        List<String> inApp = new CopyOnWriteArrayList<>();
        var n = new JobNotifications((t, b) -> false, Runnable::run, Platform::runLater, () -> true, inApp::add);
        Platform.runLater(() -> n.ended(job(1, JobPhase.FAILED, "p", Text.literal("out of memory"), 0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !inApp.isEmpty());
        assertThat(inApp).containsExactly("A job failed: out of memory");
    }

    @Test
    void whatIsSaid() {
        assertThat(JobNotifications.note(List.of())).isNull();
        var mixed = JobNotifications.note(List.of(job(1, JobPhase.COMPLETED, "fox", null, 1),
                job(2, JobPhase.TIMED_OUT, "owl", Text.literal("took too long"), 0)));
        assertThat(mixed.title()).isEqualTo("A picture is done, 1 job failed");
        assertThat(mixed.body()).as("the failure is the news").isEqualTo("took too long");
        assertThat(JobNotifications.note(List.of(job(1, JobPhase.COMPLETED, "x".repeat(500), null, 1))).body())
                .hasSize(200);
    }
}
