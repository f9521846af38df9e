package dev.easel.bench;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How fast the real job queue sees a job finish, and how many /status requests it spends, with no progress from
 * the worker: planned polling (learned execution times) side by side with fixed 1-second polling
 * (runpod-python's {@code Job.output()}), against the demo endpoint in real time with varied execution times.
 * Run: {@code ./mvnw -Pbench verify -Dbench.main=dev.easel.bench.PollingBenchmark}
 */
public final class PollingBenchmark {

    private static final int WARMUP = 8;
    private static final int JOBS = 32;
    private static final int CONCURRENT = 4;
    /** Jobs sent at once: twice the workers, so half of them wait in the queue and their start must be seen. */
    private static final int PER_ROUND = 2 * CONCURRENT;

    private PollingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run("fixed 1 s polling", PollPlanner.fixed(Duration.ofSeconds(1))));
        System.out.println(run("planned polling", PollPlanner.standard()));
        System.exit(0);
    }

    private static String run(String name, PollPlanner planner) throws Exception {
        Path dir = Files.createTempDirectory("easel-polling");
        try (DemoEndpoint demo = DemoEndpoint.start(DemoConfig.defaults().withColdStart(Duration.ZERO)
                .withWorkers(CONCURRENT));
             Database db = Databases.open(dir.resolve("easel.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"))) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            var io = Executors.newVirtualThreadPerTaskExecutor();
            JobQueue queue = new JobQueue(new JobJournal(db), new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                    new JobEndpoint("Demo", client, 0), io, scheduler, Clock.systemUTC(), planner, CONCURRENT);
            Map<Long, Instant> seenDone = new ConcurrentHashMap<>();
            Map<Long, Instant> seenStart = new ConcurrentHashMap<>();
            queue.addListener(jobs -> {
                Instant now = Instant.now();
                for (Job j : jobs) {
                    if (j.phase() == JobPhase.IN_PROGRESS || j.phase() == JobPhase.SAVING
                            || j.phase() == JobPhase.COMPLETED) {
                        seenStart.putIfAbsent(j.id(), now);
                    }
                    if (j.phase() == JobPhase.SAVING || j.phase() == JobPhase.COMPLETED) {
                        seenDone.putIfAbsent(j.id(), now);
                    }
                }
            });
            queue.start();
            SplittableRandom random = new SplittableRandom(7);
            List<Long> latencies = new ArrayList<>();
            List<Long> startLatencies = new ArrayList<>();
            double requestSeconds = 0;
            int requestsBefore = 0;
            int measured = 0;
            for (int round = 0; round < (WARMUP + JOBS) / PER_ROUND; round++) {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < PER_ROUND; i++) {
                    // 12..28 steps at 1024²: about 5.8 to 12.5 s of simulated GPU time
                    ids.add(queue.submit(spec(12 + random.nextInt(17), random.nextLong(1L << 40))).id());
                }
                while (ids.stream().anyMatch(id -> !seenDone.containsKey(id))) {
                    Thread.sleep(20);
                }
                int requests = queue.statusRequests() - requestsBefore;
                requestsBefore = queue.statusRequests();
                boolean warm = round >= WARMUP / PER_ROUND;
                for (Job j : queue.jobs()) {
                    if (!ids.contains(j.id()) || !warm) {
                        continue;
                    }
                    Instant actualStart = j.submitted().plus(j.delay());
                    if (j.delay().toMillis() > 1000) { // it waited in the queue: when did the row say it runs?
                        startLatencies.add(Duration.between(actualStart, seenStart.get(j.id())).toMillis());
                    }
                    Instant actualEnd = actualStart.plus(j.execution());
                    latencies.add(Duration.between(actualEnd, seenDone.get(j.id())).toMillis());
                    requestSeconds += Duration.between(j.submitted(), seenDone.get(j.id())).toMillis() / 1000.0;
                    measured++;
                }
                if (warm) {
                    totalRequests.merge(name, requests, Integer::sum);
                }
                while (queue.jobs().stream().anyMatch(j -> !j.phase().isTerminal())) {
                    Thread.sleep(20);
                }
            }
            queue.close();
            scheduler.shutdownNow();
            io.shutdownNow();
            Collections.sort(latencies);
            Collections.sort(startLatencies);
            int requests = totalRequests.get(name);
            return String.format(Locale.ROOT, "%-18s jobs %d | end seen after median %d ms, p90 %d ms, "
                            + "max %d ms | start of %d queued jobs seen after median %d ms, p90 %d ms, max %d ms | "
                            + "%d status requests, %.2f per job-second (per live job)",
                    name, measured, latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.9)),
                    latencies.getLast(), startLatencies.size(), startLatencies.get(startLatencies.size() / 2),
                    startLatencies.get((int) (startLatencies.size() * 0.9)), startLatencies.getLast(), requests,
                    requests / requestSeconds);
        }
    }

    private static final Map<String, Integer> totalRequests = new ConcurrentHashMap<>();

    private static JobSpec spec(int steps, long seed) {
        Workflow wf = new TemplateLibrary(Path.of("target/none")).defaultTemplate().workflow();
        var b = ParameterBinder.bind(wf);
        var f = WorkflowJson.MAPPER.getNodeFactory();
        wf = b.set(wf, Parameter.STEPS, f.numberNode(steps));
        wf = b.set(wf, Parameter.SEED, f.numberNode(seed));
        wf = b.set(wf, Parameter.WIDTH, f.numberNode(1024));
        wf = b.set(wf, Parameter.HEIGHT, f.numberNode(1024));
        ObjectNode input = RunRequest.input(wf, Map.of(), "bench");
        return new JobSpec(input, null, Map.of(Parameter.SEED, seed, Parameter.STEPS, steps, Parameter.WIDTH, 1024,
                Parameter.HEIGHT, 1024), "bench", RunPolicy.DEFAULT);
    }
}
