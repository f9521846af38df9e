package dev.easel.ui.queue;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.jobs.PollPlanner;
import dev.easel.library.ResultStore;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Parameter;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue view model over a real queue on the demo endpoint; "FX thread" updates run inline. */
class QueueViewModelIT {

    @TempDir
    Path dir;

    @Test
    void rowsCountsCostAndCommands() throws Exception {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var io = Executors.newVirtualThreadPerTaskExecutor();
        try (DemoEndpoint demo = DemoEndpoint.start(DemoConfig.fast());
             Database db = Databases.open(dir.resolve("e.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"))) {
            JobQueue queue = new JobQueue(new JobJournal(db), new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                    new JobEndpoint("Demo", client, 0.001), io, scheduler, Clock.systemUTC(), PollPlanner.standard(), 2);
            queue.start();
            List<Job> completed = new CopyOnWriteArrayList<>();
            var vm = new QueueViewModel(queue, Runnable::run, Runnable::run, Clock.systemDefaultZone(), completed::add);
            JobSpec spec = new JobSpec(Fixtures.tutorialInput(), null, Map.of(Parameter.SEED, 243057879077961L,
                    Parameter.PROMPT, "treehouse"), "flux1-dev-fp8", RunPolicy.DEFAULT);
            Job first = queue.submit(spec);
            await().atMost(Duration.ofSeconds(20)).until(() -> vm.rows().stream()
                    .anyMatch(j -> j.id() == first.id() && j.phase() == JobPhase.COMPLETED));
            assertThat(vm.runningProperty().get()).isZero();
            assertThat(vm.sessionCostProperty().get()).isPositive();
            assertThat(vm.hasFinishedProperty().get()).isTrue();
            assertThat(completed).extracting(Job::id).containsExactly(first.id());

            vm.retryWithNewSeed(vm.rows().getFirst());
            await().atMost(Duration.ofSeconds(20)).until(() -> vm.rows().size() == 2
                    && vm.rows().stream().allMatch(j -> j.phase() == JobPhase.COMPLETED));
            assertThat(vm.rows().getFirst().seed()).as("newest first, with another seed").isNotEqualTo(243057879077961L);
            assertThat(completed).hasSize(2).doesNotHaveDuplicates();

            double spent = vm.sessionCostProperty().get();
            assertThat(spent).as("both runs").isEqualTo(queue.spending().session()).isPositive();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(vm.todayCostProperty().get()).isCloseTo(spent, Offset.offset(1e-9)));
            assertThat(vm.monthCostProperty().get()).isGreaterThanOrEqualTo(vm.todayCostProperty().get());
            vm.clearFinished();
            await().atMost(Duration.ofSeconds(5)).until(() -> vm.rows().isEmpty());
            assertThat(vm.sessionCostProperty().get()).as("clearing rows doesn't undo spending").isEqualTo(spent);
            assertThat(vm.hasFinishedProperty().get()).isFalse();
            assertThat(vm.lastErrorProperty().get()).isNull();
            queue.close();
        } finally {
            scheduler.shutdownNow();
            io.shutdownNow();
        }
    }
}
