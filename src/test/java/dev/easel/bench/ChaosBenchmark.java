package dev.easel.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.demo.Faults;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.jobs.PollPlanner;
import dev.easel.library.Database;
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
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The job queue under injected faults, bounded and on loopback: N jobs against the demo endpoint where a fifth of
 * all requests fail (500 before handling, 429, an HTML 502, a connection dropped after handling, a truncated
 * answer, a slow answer). It counts how the jobs ended and checks, from the demo's own count of jobs created per
 * workflow, that none was sent twice. Run:
 * {@code ./mvnw -Pbench verify -Dbench.main=dev.easel.bench.ChaosBenchmark -Dbench=1000}
 */
public final class ChaosBenchmark {

    private ChaosBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0]) : 1000;
        System.out.println(run(jobs, 0.20));
        System.exit(0);
    }

    static String run(int n, double rate) throws Exception {
        Path dir = Files.createTempDirectory("easel-chaos");
        double each = rate / 6;
        Faults faults = Faults.NONE.withServerError(each).withRateLimited(each, Duration.ofSeconds(1))
                .withHtmlPage(each).withDropConnection(each).withMalformedJson(each)
                .withSlow(each, Duration.ofMillis(300));
        try (DemoEndpoint demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(8).withFaults(faults));
             Database db = Database.open(dir.resolve("easel.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"))) {
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            var io = Executors.newVirtualThreadPerTaskExecutor();
            JobQueue queue = new JobQueue(new JobJournal(db), new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                    new JobEndpoint("Demo", client, 0.00044), io, scheduler, Clock.systemUTC(), PollPlanner.standard(),
                    4);
            queue.start();
            long start = System.nanoTime();
            Map<Long, JobSpec> specs = new HashMap<>();
            for (int i = 0; i < n; i++) {
                JobSpec spec = spec(1_000_000L + i);
                specs.put(queue.submit(spec).id(), spec);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (queue.jobs().stream().anyMatch(j -> !j.phase().isTerminal()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Job> all = queue.jobs();
            queue.close();
            scheduler.shutdownNow();
            io.shutdownNow();

            Map<JobPhase, Integer> ended = new EnumMap<>(JobPhase.class);
            int twice = 0;
            int lost = 0;
            int ranUncollected = 0;
            int stuck = 0;
            for (Job j : all) {
                ended.merge(j.phase(), 1, Integer::sum);
                int created = demo.submissionsOf(specs.get(j.id()).input().get("workflow"));
                if (created > 1) {
                    twice++;
                }
                if (!j.phase().isTerminal()) {
                    stuck++;
                }
                if (j.phase() == JobPhase.COMPLETED && (j.files().isEmpty() || !j.files().stream().allMatch(Files::exists))) {
                    lost++;
                }
                if (j.phase() != JobPhase.COMPLETED && created > 0 && j.runpodId() == null) {
                    ranUncollected++; // created on the server, but Easel never learned its id
                }
            }
            int idLost = (int) all.stream().filter(j -> j.phase() == JobPhase.SUBMISSION_UNKNOWN
                    && j.error() != null && j.error().startsWith(JobQueue.ARRIVED_ID_LOST)).count();
            int unresolved = ended.getOrDefault(JobPhase.SUBMISSION_UNKNOWN, 0) - idLost;
            return String.format(Locale.ROOT, "%d jobs at %.0f %% faults in %.0f s: %s | lost %d, sent twice %d, "
                            + "unresolved (may or may not have been created) %d (%.1f %%), known to have arrived with "
                            + "their id lost %d (%.1f %%), created on the server but never collected %d, stuck %d",
                    n, rate * 100, seconds, ended, lost, twice, unresolved, 100.0 * unresolved / n, idLost,
                    100.0 * idLost / n, ranUncollected, stuck);
        }
    }

    private static JobSpec spec(long seed) {
        Workflow wf = new TemplateLibrary(Path.of("target/none")).defaultTemplate().workflow();
        var b = ParameterBinder.bind(wf);
        var f = WorkflowJson.MAPPER.getNodeFactory();
        wf = b.set(wf, Parameter.STEPS, f.numberNode(4));
        wf = b.set(wf, Parameter.SEED, f.numberNode(seed));
        wf = b.set(wf, Parameter.WIDTH, f.numberNode(128));
        wf = b.set(wf, Parameter.HEIGHT, f.numberNode(128));
        ObjectNode input = RunRequest.input(wf, Map.of(), "chaos");
        return new JobSpec(input, null, Map.of(Parameter.SEED, seed, Parameter.STEPS, 4, Parameter.WIDTH, 128,
                Parameter.HEIGHT, 128), "chaos", RunPolicy.DEFAULT);
    }
}
