package dev.easel.bench;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
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
import dev.easel.library.Library;
import dev.easel.library.ResultStore;
import dev.easel.library.ThumbnailCache;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;

import java.net.URI;
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
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
        String what = args.length > 0 && !args[0].isBlank() ? args[0] : "1000";
        if (what.equals("child")) {
            child(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            return;
        }
        System.out.println(what.startsWith("kill") ? kills(Integer.parseInt(what.substring(4).isEmpty() ? "100"
                : what.substring(4))) : run(Integer.parseInt(what), 0.20));
        System.exit(0);
    }

    /**
     * kill -9 at random moments: a child process runs the queue on a journal in a temporary folder against a demo
     * endpoint in this process (which outlives the kills), and is killed and started again until every job ended.
     * Run: {@code ./mvnw -Pbench verify -Dbench.main=dev.easel.bench.ChaosBenchmark -Dbench=kill100}
     */
    static String kills(int n) throws Exception {
        Path dir = Files.createTempDirectory("easel-kill");
        SplittableRandom random = new SplittableRandom(11);
        try (DemoEndpoint demo = DemoEndpoint.start(DemoConfig.fast().withTimeScale(1.0).withWorkers(8))) {
            int kills = 0;
            long start = System.nanoTime();
            for (int round = 0; ; round++) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                        ChaosBenchmark.class.getName(), "child", demo.baseUrl().toString(), dir.toString(),
                        Integer.toString(n)).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                        .start();
                boolean last = round >= 60;
                if (child.waitFor(last ? 300_000 : 300 + random.nextInt(1700), TimeUnit.MILLISECONDS)) {
                    if (child.exitValue() != 0) {
                        throw new IllegalStateException("the child failed: see " + dir.resolve("child.log"));
                    }
                    break; // every job ended
                }
                if (last) {
                    child.destroyForcibly();
                    break;
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                child.waitFor();
                kills++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Database db = Databases.open(dir.resolve("easel.db"))) {
                List<JobJournal.Entry> all = new JobJournal(db).visible(Integer.MAX_VALUE);
                Map<JobPhase, Integer> ended = new EnumMap<>(JobPhase.class);
                int twice = 0;
                int lost = 0;
                int stuck = 0;
                for (JobJournal.Entry e : all) {
                    Job j = e.job();
                    ended.merge(j.phase(), 1, Integer::sum);
                    if (demo.submissionsOf(e.spec().input().get("workflow")) > 1) {
                        twice++;
                    }
                    if (!j.phase().isTerminal()) {
                        stuck++;
                    }
                    if (j.phase() == JobPhase.COMPLETED && !j.files().stream().allMatch(Files::exists)) {
                        lost++;
                    }
                }
                int duplicates = db.with(c -> {
                    try (var q = c.prepareStatement("SELECT COUNT(*) FROM (SELECT runpod_id, source_sha256, COUNT(*) "
                            + "n FROM images GROUP BY runpod_id, source_sha256 HAVING n > 1)"); var rs = q.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
                long files;
                try (var list = Files.list(dir.resolve("out"))) {
                    files = list.filter(f -> !f.getFileName().toString().startsWith(".")).count();
                }
                int indexed = db.with(c -> {
                    try (var q = c.prepareStatement("SELECT COUNT(*) FROM images"); var rs = q.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
                return String.format(Locale.ROOT, "%d jobs, %d kill -9 in %.0f s: %s | lost %d, sent twice %d, images "
                        + "saved twice %d, files %d for %d indexed, stuck %d", n, kills, seconds, ended, lost, twice,
                        duplicates, files, indexed, stuck);
            }
        }
    }

    /** The killed process: the queue on the journal in {@code dir}; the first start submits the jobs. */
    static void child(URI demo, Path dir, int n) throws Exception {
        Database db = Databases.open(dir.resolve("easel.db"));
        OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(demo, "demo", "k"));
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        JobJournal journal = new JobJournal(db);
        // as the app does: the rescan indexes an image written just before a kill, so its job doesn't save it twice
        new Library(db, dir.resolve("out"), new ThumbnailCache(
                dir.resolve("thumbs"), Runnable::run), ZoneOffset.UTC).rescan();
        JobQueue queue = new JobQueue(journal, new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                new JobEndpoint("Demo", client, 0.00044), Executors.newVirtualThreadPerTaskExecutor(), scheduler,
                Clock.systemUTC(), PollPlanner.standard(), 4);
        queue.start();
        // the jobs asked for: a kill during this loop leaves the rest for the next start
        for (int i = journal.visible(Integer.MAX_VALUE).size(); i < n; i++) {
            queue.submit(spec(2_000_000L + i, 20, 512)); // about 2 s each on the demo at full time
        }
        while (queue.jobs().stream().anyMatch(j -> !j.phase().isTerminal())) {
            Thread.sleep(100);
        }
        System.exit(0);
    }

    static String run(int n, double rate) throws Exception {
        Path dir = Files.createTempDirectory("easel-chaos");
        double each = rate / 6;
        Faults faults = Faults.NONE.withServerError(each).withRateLimited(each, Duration.ofSeconds(1))
                .withHtmlPage(each).withDropConnection(each).withMalformedJson(each)
                .withSlow(each, Duration.ofMillis(300));
        try (DemoEndpoint demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(8).withFaults(faults));
             Database db = Databases.open(dir.resolve("easel.db"));
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
                    && j.error() != null && j.error().key().equals(JobQueue.ARRIVED_ID_LOST)).count();
            int unresolved = ended.getOrDefault(JobPhase.SUBMISSION_UNKNOWN, 0) - idLost;
            return String.format(Locale.ROOT, "%d jobs at %.0f %% faults in %.0f s: %s | lost %d, sent twice %d, "
                            + "unresolved (may or may not have been created) %d (%.1f %%), known to have arrived with "
                            + "their id lost %d (%.1f %%), created on the server but never collected %d, stuck %d",
                    n, rate * 100, seconds, ended, lost, twice, unresolved, 100.0 * unresolved / n, idLost,
                    100.0 * idLost / n, ranUncollected, stuck);
        }
    }

    static JobSpec spec(long seed) {
        return spec(seed, 4, 128);
    }

    private static JobSpec spec(long seed, int steps, int size) {
        Workflow wf = new TemplateLibrary(Path.of("target/none")).defaultTemplate().workflow();
        var b = ParameterBinder.bind(wf);
        var f = WorkflowJson.MAPPER.getNodeFactory();
        wf = b.set(wf, Parameter.STEPS, f.numberNode(steps));
        wf = b.set(wf, Parameter.SEED, f.numberNode(seed));
        wf = b.set(wf, Parameter.WIDTH, f.numberNode(size));
        wf = b.set(wf, Parameter.HEIGHT, f.numberNode(size));
        ObjectNode input = RunRequest.input(wf, Map.of(), "chaos");
        return new JobSpec(input, null, Map.of(Parameter.SEED, seed, Parameter.STEPS, steps, Parameter.WIDTH, size,
                Parameter.HEIGHT, size), "chaos", RunPolicy.DEFAULT);
    }
}
