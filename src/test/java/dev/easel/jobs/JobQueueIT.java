package dev.easel.jobs;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.demo.DemoModels;
import dev.easel.demo.OutputMode;
import dev.easel.library.ResultStore;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.PngText;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The job queue against the demo endpoint, with SQLite and the output folder on a temp dir. */
class JobQueueIT {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<List<Job>> snapshots = new CopyOnWriteArrayList<>();
    private Database db;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        scheduler.shutdownNow();
        io.shutdownNow();
    }

    private DemoEndpoint demo(DemoConfig config) throws Exception {
        DemoEndpoint d = DemoEndpoint.start(config);
        open.add(d);
        return d;
    }

    private JobQueue queue(DemoEndpoint demo, String key) throws Exception {
        JobQueue q = unstartedQueue(demo, key);
        q.start();
        return q;
    }

    private JobQueue unstartedQueue(DemoEndpoint demo, String key) throws Exception {
        if (db == null) {
            db = Databases.open(dir.resolve("easel.db"));
            open.add(db);
        }
        var client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", key));
        open.add(client);
        JobQueue q = new JobQueue(new JobJournal(db), new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                new JobEndpoint("Demo", client, 0.00044), io, scheduler, Clock.systemUTC(), PollPlanner.standard(), 4);
        q.addListener(snapshots::add);
        open.add(q);
        return q;
    }

    private static JobSpec spec(String prompt, long seed, int steps, int size) {
        Workflow wf = Workflow.of((ObjectNode) Fixtures.tutorialInput().get("workflow"));
        Bindings b = ParameterBinder.bind(wf);
        var f = WorkflowJson.MAPPER.getNodeFactory();
        wf = b.set(wf, Parameter.PROMPT, f.textNode(prompt));
        wf = b.set(wf, Parameter.SEED, f.numberNode(seed));
        wf = b.set(wf, Parameter.STEPS, f.numberNode(steps));
        wf = b.set(wf, Parameter.WIDTH, f.numberNode(size));
        wf = b.set(wf, Parameter.HEIGHT, f.numberNode(size));
        Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            Workflow w = wf;
            b.value(w, p).ifPresent(v -> params.put(p, v.isNumber() ? (Object) v.numberValue() : v.asText()));
        }
        return new JobSpec(RunRequest.input(wf, Map.of(), "t"), null, params, "flux1-dev-fp8", RunPolicy.DEFAULT);
    }

    private Job awaitJob(JobQueue q, long id, Predicate<Job> until) {
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> q.jobs().stream().anyMatch(j -> j.id() == id && until.test(j)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job " + id + " did not get there; the queue holds " + q.jobs(), e);
        }
        return q.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
    }

    private List<JobPhase> phasesSeen(long id) {
        List<JobPhase> phases = new ArrayList<>();
        for (List<Job> snap : snapshots) {
            snap.stream().filter(j -> j.id() == id).findFirst().ifPresent(j -> {
                if (phases.isEmpty() || phases.getLast() != j.phase()) {
                    phases.add(j.phase());
                }
            });
        }
        return phases;
    }

    @Test
    void theEmbeddedDemosUnfinishedJobsEndAtTheNextStartAndThoseNeverSentAreSent() throws Exception {
        var demo = demo(DemoConfig.fast());
        db = Databases.open(dir.resolve("easel.db"));
        open.add(db);
        var client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"));
        open.add(client);
        JobJournal journal = new JobJournal(db);
        JobEndpoint embedded = new JobEndpoint("Demo", client, 0, true);
        Instant then = Instant.now().minusSeconds(60);
        // as the journal stood when Easel was killed: one queued on the old demo, one running, one being sent,
        // one not sent yet
        Job queued = journal.insert(spec("queued", 1, 4, 64), embedded, then, JobPhase.IN_QUEUE, "old-1", null);
        Job running = journal.insert(spec("running", 2, 4, 64), embedded, then, JobPhase.IN_PROGRESS, "old-2", null);
        Job sending = journal.insert(spec("sending", 3, 4, 64), embedded, then, JobPhase.SUBMITTING, null, null);
        JobSpec waitingSpec = spec("waiting", 4, 4, 64);
        Job waiting = journal.insert(waitingSpec, embedded, then);
        JobQueue q = new JobQueue(journal, new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC), embedded, io,
                scheduler, Clock.systemUTC(), PollPlanner.standard(), 4);
        open.add(q);
        q.start();
        for (Job j : List.of(queued, running, sending)) {
            Job now = journal.get(j.id()).job();
            assertThat(now.phase()).as(j.prompt()).isEqualTo(j.id() == sending.id() ? JobPhase.FAILED : JobPhase.EXPIRED);
            assertThat(now.error().key()).isEqualTo(JobSender.STOPPED_WITH_EASEL);
            assertThat(now.retryFetchesResult()).as("a retry sends it as new").isFalse();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> journal.get(waiting.id()).job().phase()
                == JobPhase.COMPLETED);
        assertThat(demo.submissionsOf(waitingSpec.input().get("workflow"))).as("the job never sent is sent once").isEqualTo(1);
    }

    @Test
    void aJobGoesThroughTheQueueAndItsImagesAreOnDiskWithTheSentWorkflow() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(1));
        JobQueue q = queue(demo, "k");
        JobSpec spec = spec("a lighthouse in a storm", 77, 400, 128); // ~3.4 s: long enough to be seen running
        Job job = q.submit(spec);
        assertThat(job.phase()).isEqualTo(JobPhase.PENDING);
        Job done = awaitJob(q, job.id(), j -> j.phase().isTerminal());
        assertThat(done.phase()).as(String.valueOf(done.error())).isEqualTo(JobPhase.COMPLETED);
        // listeners get the change at the next tick
        await().atMost(Duration.ofSeconds(2)).until(() -> phasesSeen(job.id()).contains(JobPhase.COMPLETED));
        assertThat(phasesSeen(job.id())).containsSubsequence(JobPhase.IN_QUEUE, JobPhase.IN_PROGRESS, JobPhase.COMPLETED);
        assertThat(done.runpodId()).endsWith("-e1");
        assertThat(done.execution()).isNotNull();
        assertThat(done.delay()).isNotNull();
        assertThat(done.cost()).isPositive();
        assertThat(done.files()).as("the tutorial graph saves each image twice; one copy is kept").hasSize(1);
        Path file = done.files().getFirst();
        assertThat(file.getFileName().toString()).contains("a-lighthouse-in-a-storm_77");
        Map<String, String> text = PngText.read(Files.readAllBytes(file));
        assertThat(WorkflowJson.sameJson(WorkflowJson.parse(text.get("prompt")), spec.input().get("workflow"))).isTrue();
        assertThat(text.get("parameters")).contains("Seed: 77").contains("Steps: 400");
        assertThat(text.values()).noneMatch(v -> v.contains("Bearer") || v.contains("\"k\""));
        assertThat(new JobJournal(db).get(job.id()).job().phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(WorkflowJson.parse(text.get("easel")).path("source").asText()).isEqualTo("template: flux1-dev-fp8");
    }

    @Test
    void aJobForAModelTheEndpointLacksFailsNamingTheTemplateToChoose() throws Exception {
        // an endpoint like worker-comfyui's flux2-klein-9b image: no checkpoints, its model a separate file
        Map<String, List<String>> folders = new HashMap<>(DemoModels.DEFAULT.byFolder());
        folders.put("checkpoints", List.of());
        var demo = demo(DemoConfig.fast().withTimeScale(0.05).withWorkers(1)
                .withModels(new DemoModels(folders)));
        JobQueue q = queue(demo, "k");
        q.setFailureAdvice(new ModelAdvice(new TemplateLibrary(dir.resolve("templates"))::all));

        Job done = awaitJob(q, q.submit(spec("a lighthouse", 1, 4, 64)).id(), j -> j.phase().isTerminal());

        assertThat(done.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(done.error())).startsWith("This endpoint has no flux1-dev-fp8.safetensors")
                .contains("choose the template made for it: FLUX.2 klein 9B, FLUX.1-dev");
        assertThat(new JobJournal(db).get(done.id()).job().error()).as("journaled as shown").isEqualTo(done.error());
    }

    @Test
    void aGraphImportedFromAPictureNamesThatPictureAsTheSourceOfWhatItMakes() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(0.05).withWorkers(1));
        JobQueue q = queue(demo, "k");
        JobSpec from = spec("a harbour at noon", 8, 4, 64);
        JobSpec spec = new JobSpec(from.input(), null, from.params(), null, "holiday\u202e.png\nrm -rf", from.policy());
        assertThat(spec.importedFrom()).as("one printable line").isEqualTo("holiday .png rm -rf");

        Job done = awaitJob(q, q.submit(spec).id(), j -> j.phase().isTerminal());

        assertThat(done.phase()).as(String.valueOf(done.error())).isEqualTo(JobPhase.COMPLETED);
        var easel = WorkflowJson.parse(PngText.read(Files.readAllBytes(done.files().getFirst())).get("easel"));
        assertThat(easel.path("source").asText()).isEqualTo("imported: holiday .png rm -rf");
        assertThat(easel.has("template")).as("no template made it").isFalse();
        assertThat(new JobJournal(db).get(done.id()).spec().importedFrom()).as("journaled")
                .isEqualTo("holiday .png rm -rf");
    }

    @Test
    void aJobAskedForBeforeTheQueueStartedIsSentOnceWhenItStarts() throws Exception {
        // the app shows the studio before its rescan and the queue's start are done: a Generate that quick waits
        var demo = demo(DemoConfig.fast().withTimeScale(0.05).withWorkers(1));
        JobQueue q = unstartedQueue(demo, "k");
        Job job = q.submit(spec("an early bird", 5, 4, 64));
        Thread.sleep(300);
        assertThat(q.jobs()).singleElement().satisfies(j -> {
            assertThat(j.phase()).as("nothing sent before the start").isEqualTo(JobPhase.PENDING);
            assertThat(j.runpodId()).isNull();
        });

        q.start();

        Job done = awaitJob(q, job.id(), j -> j.phase().isTerminal());
        assertThat(done.phase()).as(String.valueOf(done.error())).isEqualTo(JobPhase.COMPLETED);
        assertThat(q.jobs()).as("tracked once").filteredOn(j -> j.id() == job.id()).hasSize(1);
        assertThat(done.runpodId()).endsWith("-e1");
        assertThat(done.files()).hasSize(1);
    }

    @Test
    void cancelARunningJob() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(1));
        JobQueue q = queue(demo, "k");
        Job job = q.submit(spec("slow", 1, 2000, 64));
        awaitJob(q, job.id(), j -> j.phase() == JobPhase.IN_PROGRESS);
        q.cancel(job.id()).get();
        assertThat(awaitJob(q, job.id(), j -> j.phase().isTerminal()).phase()).isEqualTo(JobPhase.CANCELLED);
    }

    @Test
    void aFailedJobShowsTheWorkersErrorAndRetriesOnRunpod() throws Exception {
        var demo = demo(DemoConfig.fast());
        JobQueue q = queue(demo, "k");
        JobSpec spec = spec("bad", 1, 5, 64);
        ((ObjectNode) spec.input().at("/workflow/30/inputs")).put("ckpt_name", "flux1-dev.safetensors");
        Job job = q.submit(spec);
        Job failed = awaitJob(q, job.id(), j -> j.phase().isTerminal());
        assertThat(failed.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(failed.error())).startsWith("This endpoint has no flux1-dev.safetensors; it has: ");
        assertThat(failed.errorDetail()).contains("Available checkpoint models");

        Job retried = q.retry(job.id()).get();
        assertThat(retried.id()).as("a retry is a job of its own").isNotEqualTo(job.id());
        assertThat(retried.about().retryOf()).isEqualTo(job.id());
        assertThat(retried.runpodId()).as("Runpod's /retry keeps the Runpod job").isEqualTo(failed.runpodId());
        assertThat(awaitJob(q, retried.id(), j -> j.phase().isTerminal()).phase()).isEqualTo(JobPhase.FAILED);
        assertThat(new JobJournal(db).get(job.id()).job()).as("the ended job stays as it ended")
                .satisfies(j -> assertThat(j.phase()).isEqualTo(JobPhase.FAILED))
                .satisfies(j -> assertThat(j.version()).isEqualTo(failed.version()));
    }

    @Test
    void retryWithANewSeedIsANewJob() throws Exception {
        var demo = demo(DemoConfig.fast());
        JobQueue q = queue(demo, "k");
        Job first = q.submit(spec("seeded", 5, 5, 64));
        awaitJob(q, first.id(), j -> j.phase() == JobPhase.COMPLETED);
        Job second = q.retryWithNewSeed(first.id(), 424242).get();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.seed()).isEqualTo(424242L);
        Job done = awaitJob(q, second.id(), j -> j.phase().isTerminal());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        String prompt = PngText.read(Files.readAllBytes(done.files().getFirst())).get("prompt");
        assertThat(WorkflowJson.parse(prompt).at("/31/inputs/seed").asLong()).isEqualTo(424242L);
    }

    @Test
    void aRestartResumesAnUnfinishedJob() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(1));
        JobQueue first = queue(demo, "k");
        Job job = first.submit(spec("survives a restart", 3, 2500, 64)); // ~5 s
        awaitJob(first, job.id(), j -> j.phase() == JobPhase.IN_PROGRESS);
        first.close(); // the app quits while the job runs

        JobQueue second = queue(demo, "k");
        assertThat(second.jobs()).extracting(Job::id).contains(job.id());
        Job done = awaitJob(second, job.id(), j -> j.phase().isTerminal());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(done.files()).allMatch(Files::exists);
    }

    @Test
    void aJobInterruptedWhileSavingIsFinishedWithoutSavingTwice() throws Exception {
        var demo = demo(DemoConfig.fast());
        JobQueue first = queue(demo, "k");
        Job job = first.submit(spec("saved once", 11, 5, 64));
        Job done = awaitJob(first, job.id(), j -> j.phase() == JobPhase.COMPLETED);
        first.close();
        // Easel stopped after writing the files but before the journal said COMPLETED
        new JobJournal(db).update(done.withPhase(JobPhase.SAVING).withVersion(done.version() + 1));

        JobQueue second = queue(demo, "k");
        Job again = awaitJob(second, job.id(), j -> j.phase() == JobPhase.COMPLETED);
        assertThat(again.files()).containsExactlyElementsOf(done.files());
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).hasSize(done.files().size());
        }
        int rows = db.with(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM images WHERE job_id=?")) {
                s.setLong(1, job.id());
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        assertThat(rows).isEqualTo(done.files().size());
    }

    @Test
    void anInterruptedSubmissionIsNotSentTwice() throws Exception {
        var demo = demo(DemoConfig.fast());
        db = Databases.open(dir.resolve("easel.db"));
        open.add(db);
        JobJournal journal = new JobJournal(db);
        var client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"));
        open.add(client);
        Job j = journal.insert(spec("crashed while sending", 1, 5, 64), new JobEndpoint("Demo", client, 0),
                Instant.now());
        journal.update(j.withPhase(JobPhase.SUBMITTING).withVersion(j.version() + 1));

        JobQueue q = queue(demo, "k");
        Job resumed = q.jobs().stream().filter(x -> x.id() == j.id()).findFirst().orElseThrow();
        assertThat(resumed.phase()).isEqualTo(JobPhase.SUBMISSION_UNKNOWN);
        assertThat(Messages.get(resumed.error())).contains("may or may not have reached Runpod");
        assertThat(new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k")).health().inQueue()).isZero();
    }

    @Test
    void aJobWaitingForABootingWorkerIsMarkedAsAColdStart() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(1).withColdStart(Duration.ofSeconds(12)));
        JobQueue q = queue(demo, "k");
        Job job = q.submit(spec("cold", 1, 5, 64));
        Job cold = awaitJob(q, job.id(), j -> j.coldStart());
        assertThat(cold.phase()).isEqualTo(JobPhase.IN_QUEUE);
        q.cancel(job.id()).get();
    }

    @Test
    void aLowPriorityJobIsNotSaidToWaitForAColdStartItDoesNotCause() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0).withWorkers(1).withColdStart(Duration.ofSeconds(12)));
        JobQueue q = queue(demo, "k");
        Job low = q.submit(spec("low", 1, 5, 64).withLowPriority(true));
        Job normal = q.submit(spec("normal", 1, 5, 64));
        awaitJob(q, normal.id(), Job::coldStart); // one /health read marks every job waiting
        Job lowNow = q.jobs().stream().filter(j -> j.id() == low.id()).findFirst().orElseThrow();
        assertThat(lowNow.phase()).isEqualTo(JobPhase.IN_QUEUE);
        assertThat(lowNow.coldStart()).as("it waits for a worker that is up, it starts none").isFalse();
        q.cancel(low.id()).get();
        q.cancel(normal.id()).get();
    }

    @Test
    void aWrongKeyFailsWithTheSentenceForTheUser() throws Exception {
        var demo = demo(DemoConfig.fast().withExpectedApiKey("right"));
        JobQueue q = queue(demo, "wrong");
        Job job = q.submit(spec("x", 1, 5, 64));
        Job failed = awaitJob(q, job.id(), j -> j.phase().isTerminal());
        assertThat(failed.phase()).isEqualTo(JobPhase.FAILED);
        assertThat(Messages.get(failed.error()))
                .isEqualTo("The API key was refused (401). Open Settings → Endpoint to check it.");
    }

    @Test
    void s3ResultsAreDownloadedAndClearFinishedHidesDoneJobs() throws Exception {
        var demo = demo(DemoConfig.fast().withOutputMode(OutputMode.S3_URL));
        JobQueue q = queue(demo, "k");
        Job job = q.submit(spec("from a bucket", 9, 5, 96));
        Job done = awaitJob(q, job.id(), j -> j.phase().isTerminal());
        assertThat(done.phase()).isEqualTo(JobPhase.COMPLETED);
        assertThat(ImageIO.read(done.files().getFirst().toFile()).getWidth()).isEqualTo(96);
        q.clearFinished().get();
        assertThat(q.jobs()).isEmpty();
        assertThat(new JobJournal(db).get(job.id()).job().phase()).isEqualTo(JobPhase.COMPLETED);
    }
}
