package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.io.Database;
import dev.easel.library.ResultStore;
import dev.easel.testing.Databases;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.PngText;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sweeps against the demo endpoint: the cells as ordinary jobs, the grid, a cancel of the whole sweep, a restart. */
class SweepIT {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Database db;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private DemoEndpoint demo(DemoConfig config) throws Exception {
        DemoEndpoint d = DemoEndpoint.start(config);
        open.add(d);
        return d;
    }

    /** A queue (started) and its sweeps (started), on the one database of the test: a second call is a restart. */
    private record Running(JobQueue queue, Sweeps sweeps, ExecutorService io, ScheduledExecutorService scheduler) {
        /** As Easel's process ending does: the queue closed and nothing of it still running, so still writing. */
        void stop() throws InterruptedException {
            queue.close();
            scheduler.shutdownNow();
            io.shutdownNow();
            assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(io.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Running start(DemoEndpoint demo) throws Exception {
        if (db == null) {
            db = Databases.open(dir.resolve("easel.db"));
            open.add(db);
        }
        var client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"));
        open.add(client);
        ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        open.add(io::shutdownNow);
        open.add(scheduler::shutdownNow);
        ResultStore results = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
        JobJournal journal = new JobJournal(db);
        // not the embedded demo: its jobs outlive the queue, as a real endpoint's do
        JobQueue q = new JobQueue(journal, results, new JobEndpoint("Demo", client, 0.00044), io, scheduler,
                Clock.systemUTC(), PollPlanner.standard(), 4);
        open.add(q);
        Sweeps sweeps = new Sweeps(q, new SweepJournal(journal), results, io, Clock.systemUTC());
        q.start();
        sweeps.start();
        return new Running(q, sweeps, io, scheduler);
    }

    private static Workflow base(String prompt, long seed) {
        Workflow wf = Workflow.of((ObjectNode) Fixtures.tutorialInput().get("workflow"));
        Bindings b = ParameterBinder.bind(wf);
        var f = WorkflowJson.MAPPER.getNodeFactory();
        wf = b.set(wf, Parameter.PROMPT, f.textNode(prompt));
        wf = b.set(wf, Parameter.SEED, f.numberNode(seed));
        wf = b.set(wf, Parameter.WIDTH, f.numberNode(64));
        return b.set(wf, Parameter.HEIGHT, f.numberNode(64));
    }

    private static Sweeps.Draft draft(Workflow base, String... axes) throws Exception {
        Bindings b = ParameterBinder.bind(base);
        return SweepPlanner.draft(base, b, List.of(axes), DynamicPrompt.NO_LISTS,
                wf -> JobSpec.of(wf, b, Map.of(), null, "flux1-dev-fp8", null), Map.of());
    }

    private static SweepRun awaitEnded(Sweeps sweeps, String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sweeps.runs().stream()
                .anyMatch(r -> r.id().equals(id) && r.isEnded()));
        return sweeps.runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Job> cells(JobQueue q, SweepRun run) {
        return run.cells().stream().map(id -> q.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow())
                .toList();
    }

    @Test
    void aThreeByFourSweepOnFourWorkersGivesTwelvePicturesAndAGridWhoseCellsAreThem() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(4));
        Running r = start(demo);
        Workflow base = base("a lighthouse at dusk, {oil|ink}", 7);
        Sweeps.Draft d = draft(base, "steps=100,200,300", "cfg=1,2,3,4");
        assertThat(d.cells()).hasSize(12);
        SweepRun run = r.sweeps().submit(d);
        assertThat(run.cells()).hasSize(12).doesNotHaveDuplicates();
        SweepRun ended = awaitEnded(r.sweeps(), run.id());

        List<Job> jobs = cells(r.queue(), ended);
        assertThat(jobs).allMatch(j -> j.phase() == JobPhase.COMPLETED && j.files().size() == 1);
        for (int n = 0; n < 12; n++) {
            // each cell's picture says the values of its place in the grid, and was sent once
            JsonNode sent = WorkflowJson.parse(PngText.read(Files.readAllBytes(jobs.get(n).files().getFirst()))
                    .get("prompt"));
            JsonNode sampler = sent.get("31").get("inputs");
            assertThat(sampler.get("steps").asInt()).isEqualTo(100 * (n % 3 + 1));
            assertThat(sampler.get("cfg").asDouble()).isEqualTo(n / 3 + 1);
            assertThat(sent.get("6").get("inputs").get("text").asText()).as("expanded for the cell's seed")
                    .isIn("a lighthouse at dusk, oil", "a lighthouse at dusk, ink");
            assertThat(demo.submissionsOf(sent)).as("cell %d sent once", n).isEqualTo(1);
        }
        Duration wall = Duration.between(jobs.stream().map(Job::created).min(Comparator.naturalOrder()).orElseThrow(),
                jobs.stream().map(Job::finished).max(Comparator.naturalOrder()).orElseThrow());
        Duration work = jobs.stream().map(Job::execution).reduce(Duration.ZERO, Duration::plus);
        assertThat(wall).as("cells ran side by side on the four workers").isLessThan(work);

        // the grid: a picture in the library whose metadata lists the axes and links each cell to its picture
        assertThat(ended.grid()).exists();
        assertThat(ended.gridImage()).isNotNull();
        byte[] gridBytes = Files.readAllBytes(ended.grid());
        JsonNode meta = WorkflowJson.parse(PngText.read(gridBytes).get("easel-grid"));
        assertThat(meta.get("sweep").asText()).isEqualTo(run.id());
        assertThat(meta.at("/axes/0/name").asText()).isEqualTo("steps");
        assertThat(meta.at("/axes/0/values").toString()).isEqualTo("[\"100\",\"200\",\"300\"]");
        assertThat(meta.at("/axes/1/name").asText()).isEqualTo("cfg");
        assertThat(meta.get("cells")).hasSize(12);
        for (int n = 0; n < 12; n++) {
            JsonNode c = meta.get("cells").get(n);
            assertThat(c.get("x").asInt()).isEqualTo(n % 3);
            assertThat(c.get("y").asInt()).isEqualTo(n / 3);
            assertThat(c.get("file").asText()).isEqualTo(jobs.get(n).files().getFirst().getFileName().toString());
            assertThat(c.get("job_id").asText()).isEqualTo(jobs.get(n).runpodId());
        }
        // and what it shows in each cell is that cell's picture
        BufferedImage grid = ImageIO.read(ended.grid().toFile());
        for (int n = 0; n < 12; n++) {
            BufferedImage cell = ImageIO.read(jobs.get(n).files().getFirst().toFile());
            JsonNode box = meta.get("cells").get(n).get("box");
            assertThat(box.get(2).asInt()).as("a 64 px picture is not scaled").isEqualTo(64);
            if (n % 3 > 0) {
                assertThat(box.get(0).asInt()).as("cells left to right")
                        .isGreaterThan(meta.get("cells").get(n - 1).get("box").get(0).asInt() + 63);
            }
            BufferedImage shown = grid.getSubimage(box.get(0).asInt(), box.get(1).asInt(), 64, 64);
            assertThat(meanDifference(cell, shown)).as("cell %d", n).isLessThan(2.0);
        }
        assertThat(new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC).sweepOf(ended.gridImage()))
                .contains(run.id());
    }

    @Test
    void cancellingASweepCancelsEveryCellNotDoneAndTheGridShowsThoseThatWere() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(1));
        Running r = start(demo);
        // six cells on one worker, sent in any order: when the first is done, one runs and four wait
        SweepRun run = r.sweeps().submit(draft(base("a slow owl", 3), "steps=1001,1002,1003,1004,1005,1006"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cells(r.queue(), run).stream()
                .anyMatch(j -> j.phase() == JobPhase.COMPLETED));
        r.sweeps().cancel(run.id()).join();
        SweepRun ended = awaitEnded(r.sweeps(), run.id());

        List<Job> jobs = cells(r.queue(), ended);
        assertThat(jobs).as("nothing of it runs on").allMatch(j -> j.phase() == JobPhase.CANCELLED
                || j.phase() == JobPhase.COMPLETED && j.files().size() == 1);
        assertThat(jobs.stream().filter(j -> j.phase() == JobPhase.CANCELLED).count())
                .as("phases %s", jobs.stream().map(Job::phase).toList()).isGreaterThanOrEqualTo(4);
        JsonNode meta = WorkflowJson.parse(PngText.read(Files.readAllBytes(ended.grid())).get("easel-grid"));
        for (int n = 0; n < jobs.size(); n++) {
            JsonNode cell = meta.get("cells").get(n);
            assertThat(cell.get("state").asText()).isEqualTo(jobs.get(n).phase().name());
            if (jobs.get(n).phase() == JobPhase.COMPLETED) {
                assertThat(cell.get("file").asText()).isEqualTo(jobs.get(n).files().getFirst().getFileName().toString());
            } else {
                assertThat(cell.get("file")).as("a cancelled cell has no picture").isNull();
            }
        }
    }

    @Test
    void aSweepInterruptedByARestartFinishesAfterItWithEachCellSentOnce() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(2));
        Running first = start(demo);
        SweepRun run = first.sweeps().submit(draft(base("a fox after a crash", 5), "steps=100,1500", "seed=1,2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cells(first.queue(), run).stream()
                .anyMatch(j -> j.phase() == JobPhase.COMPLETED));
        first.stop(); // Easel stops with the sweep half done
        assertThat(first.sweeps().runs().getFirst().isEnded()).isFalse();

        Running second = start(demo);
        assertThat(second.sweeps().runs()).extracting(SweepRun::id).containsExactly(run.id());
        SweepRun ended = awaitEnded(second.sweeps(), run.id());
        List<Job> jobs = cells(second.queue(), ended);
        assertThat(jobs).allMatch(j -> j.phase() == JobPhase.COMPLETED);
        for (Job j : jobs) {
            JsonNode sent = WorkflowJson.parse(PngText.read(Files.readAllBytes(j.files().getFirst())).get("prompt"));
            assertThat(demo.submissionsOf(sent)).isEqualTo(1);
        }
        assertThat(ended.grid()).exists();
        assertThat(new SweepJournal(new JobJournal(db)).get(run.id()).orElseThrow().gridImage())
                .isEqualTo(ended.gridImage());
    }

    @Test
    void aSweepIsJournaledWholeBeforeAnyCellIsSent() throws Exception {
        var demo = demo(DemoConfig.fast());
        Running r = start(demo);
        r.queue().close(); // nothing is sent: only the journal is looked at
        SweepRun run = r.sweeps().submit(draft(base("kept whole", 1), "seeds=5"));
        SweepRun journaled = new SweepJournal(new JobJournal(db)).get(run.id()).orElseThrow();
        assertThat(journaled.cells()).hasSize(5).containsExactlyElementsOf(run.cells());
        assertThat(journaled.axes().getFirst().labels()).containsExactly("1", "2", "3", "4", "5");
        assertThat(journaled.spec()).containsExactly("seeds=5");
        assertThat(journaled.base()).isNotNull();
        assertThat(journaled.title()).isEqualTo("seed: kept whole");
        List<Long> asked = new ArrayList<>(run.cells());
        asked.add(999_999L); // no such job: left out
        assertThat(new JobJournal(db).jobs(asked)).as("read in one query").hasSize(5).containsOnlyKeys(run.cells());
        assertThat(r.sweeps().cellJobs(run)).hasSize(5).doesNotContainNull();
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
