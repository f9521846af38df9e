package dev.easel.bench;

import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.io.Database;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.jobs.PollPlanner;
import dev.easel.jobs.SweepFanout;
import dev.easel.jobs.SweepJournal;
import dev.easel.jobs.SweepPlanner;
import dev.easel.jobs.SweepRun;
import dev.easel.jobs.Sweeps;
import dev.easel.library.ResultStore;
import dev.easel.testing.Databases;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A 48-cell sweep (6 steps values × 8 seeds, 512²) on the demo endpoint with 8 workers in real time, through the real
 * queue and sweeps: the wall time from Send to the grid saved against the ideal (the cells' GPU time spread over
 * the 8 workers, or the longest cell), the time jobs waited in Runpod's queue, the /status requests spent, and how
 * long the grid took to draw and save after the last cell.
 * Run: {@code ./mvnw -Pbench verify -Dbench.main=dev.easel.bench.SweepBenchmark}; shared by two endpoints of 4
 * workers each: add {@code -Dbench=shared}.
 */
public final class SweepBenchmark {

    private static final int WORKERS = 8;

    private SweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // -Dbench=shared: the same sweep shared by two endpoints of 4 workers each (two demo servers)
        boolean shared = args.length > 0 && args[0].equals("shared");
        for (int run = 1; run <= 3; run++) {
            System.out.println("run " + run + (shared ? " (shared by 2 endpoints of 4 workers)" : "") + ": "
                    + run(shared));
        }
        System.exit(0);
    }

    private static String run(boolean shared) throws Exception {
        Path dir = Files.createTempDirectory("easel-sweep");
        int each = shared ? WORKERS / 2 : WORKERS;
        try (DemoEndpoint demo = DemoEndpoint.start(DemoConfig.defaults().withColdStart(Duration.ZERO)
                .withWorkers(each));
             DemoEndpoint other = DemoEndpoint.start(DemoConfig.defaults().withColdStart(Duration.ZERO)
                     .withWorkers(each));
             Database db = Databases.open(dir.resolve("easel.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"));
             OkHttpRunpodClient otherClient = new OkHttpRunpodClient(RunpodConfig.of(other.baseUrl(), "other", "k"))) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            var io = Executors.newVirtualThreadPerTaskExecutor();
            JobJournal journal = new JobJournal(db);
            ResultStore results = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
            // as the app makes it: 4 /run requests at once at most
            JobQueue queue = new JobQueue(journal, results, new JobEndpoint("Demo", client, 0.00044), io, scheduler,
                    Clock.systemUTC(), PollPlanner.standard(), 4);
            SweepJournal sweepJournal = new SweepJournal(journal);
            Sweeps sweeps = new Sweeps(queue, sweepJournal, results, io, Clock.systemUTC());
            JobQueue lane = new JobQueue(journal, results, new JobEndpoint("Other", otherClient, 0.00044), io,
                    scheduler, Clock.systemUTC(), PollPlanner.standard(), 4);
            lane.showOnlyOwnJobs();
            SweepFanout fanout = new SweepFanout(queue, (id, held) -> {
                lane.holdBack(held);
                return Optional.of(lane);
            }, sweepJournal, Clock.systemUTC());
            lane.holdBack(fanout::isHeld);
            sweeps.shareWith(fanout);
            queue.start();
            lane.start();
            sweeps.start();
            fanout.start(scheduler, io);

            Workflow wf = new TemplateLibrary(Path.of("target/none")).defaultTemplate().workflow();
            var b = ParameterBinder.bind(wf);
            var f = WorkflowJson.MAPPER.getNodeFactory();
            wf = b.set(wf, Parameter.WIDTH, f.numberNode(512));
            wf = b.set(wf, Parameter.HEIGHT, f.numberNode(512));
            wf = b.set(wf, Parameter.SEED, f.numberNode(1000));
            var bindings = b;
            Sweeps.Draft d = SweepPlanner.draft(wf, b, List.of("steps=16,18,20,22,24,26", "seeds=8"),
                    DynamicPrompt.NO_LISTS, cell -> JobSpec.of(cell, bindings, Map.of(), null, "bench", null),
                    Map.of());
            if (shared) {
                d = d.sharedWith(List.of("other"));
            }
            Instant sent = Instant.now();
            SweepRun run = sweeps.submit(d);
            SweepRun ended = null;
            while (ended == null) {
                Thread.sleep(20);
                ended = sweeps.runs().stream().filter(r -> r.id().equals(run.id()) && r.isEnded()).findFirst()
                        .orElse(null);
            }
            Instant gridSaved = Instant.now();
            List<Job> cells = sweeps.cellJobs(ended);
            long done = cells.stream().filter(j -> j.phase() == JobPhase.COMPLETED).count();
            double gpu = cells.stream().mapToLong(j -> j.execution().toMillis()).sum() / 1000.0;
            double longest = cells.stream().mapToLong(j -> j.execution().toMillis()).max().orElse(0) / 1000.0;
            double ideal = Math.max(gpu / WORKERS, longest);
            double wall = Duration.between(sent, gridSaved).toMillis() / 1000.0;
            Instant lastCell = cells.stream().map(Job::finished).max(Instant::compareTo).orElse(gridSaved);
            double grid = Duration.between(lastCell, gridSaved).toMillis() / 1000.0;
            double waited = cells.stream().mapToLong(j -> j.delay().toMillis()).average().orElse(0) / 1000.0;
            int status = queue.statusRequests() + lane.statusRequests();
            long onOther = cells.stream().filter(j -> j.about().endpointId().equals("other")).count();
            fanout.close();
            lane.close();
            queue.close();
            scheduler.shutdownNow();
            io.shutdownNow();
            return String.format(Locale.ROOT, "%d/%d cells completed | wall %.1f s, ideal %.1f s (GPU %.1f s over %d "
                            + "workers), ratio %.2f | mean wait in queue %.1f s | %d status requests, %.1f/s | grid "
                            + "drawn and saved %.2f s after the last cell | %d cells on the second endpoint",
                    done, cells.size(), wall, ideal, gpu, WORKERS, wall / ideal, waited, status, status / wall, grid,
                    onOther);
        }
    }
}
