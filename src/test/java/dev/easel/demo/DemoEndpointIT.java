package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.JobError;
import dev.easel.api.JobOutput;
import dev.easel.api.JobRef;
import dev.easel.api.JobState;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.OutputImage;
import dev.easel.api.RetryPolicy;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.api.RunpodException;
import dev.easel.api.StatusResponse;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import dev.easel.workflow.WorkflowJson;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.easel.api.RunpodException.Kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The real Runpod client against the real demo endpoint over loopback. */
class DemoEndpointIT {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private DemoEndpoint demo(DemoConfig config) throws IOException {
        DemoEndpoint d = DemoEndpoint.start(config);
        open.add(d);
        return d;
    }

    private OkHttpRunpodClient client(DemoEndpoint demo, String key, RetryPolicy retry) {
        RunpodConfig config = RunpodConfig.of(demo.baseUrl(), "demo", key)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(retry);
        OkHttpRunpodClient c = new OkHttpRunpodClient(config, d -> {
            sleeps.add(d);
            Thread.sleep(d);
        }, new SplittableRandom(3));
        open.add(c);
        return c;
    }

    private OkHttpRunpodClient client(DemoEndpoint demo) {
        return client(demo, "demo-key", new RetryPolicy(6, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(5)));
    }

    private static StatusResponse awaitTerminal(OkHttpRunpodClient client, String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            StatusResponse s = client.status(id);
            if (s.state().isTerminal()) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not finish in 30 s");
    }

    private static ObjectNode tutorial(int width, int height, int batch, String prompt, long seed) {
        ObjectNode input = Fixtures.tutorialInput();
        ObjectNode wf = (ObjectNode) input.get("workflow");
        ((ObjectNode) wf.get("27").get("inputs")).put("width", width).put("height", height).put("batch_size", batch);
        ((ObjectNode) wf.get("6").get("inputs")).put("text", prompt);
        ((ObjectNode) wf.get("31").get("inputs")).put("seed", seed);
        return input;
    }

    private static ObjectNode slowJob(int steps) {
        ObjectNode input = tutorial(64, 64, 1, "slow", 1);
        ((ObjectNode) input.get("workflow").get("31").get("inputs")).put("steps", steps);
        return input;
    }

    private static BufferedImage image(byte[] bytes) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(img).as("a decodable image").isNotNull();
        return img;
    }

    // ---- the happy path ---------------------------------------------------------------------------

    @Test
    void submitPollCompletedAndTheImagesHaveTheRequestedSize() throws Exception {
        var demo = demo(DemoConfig.fast());
        var client = client(demo);
        JobRef ref = client.run(tutorial(768, 512, 2, "a lighthouse at night", 5), RunPolicy.DEFAULT);
        assertThat(ref.state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(ref.id()).matches("[0-9a-f-]{36}-e1");

        StatusResponse done = awaitTerminal(client, ref.id());
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.failure()).isEmpty();
        assertThat(done.delayTime()).isNotNull();
        assertThat(done.executionTime()).isNotNull();
        assertThat(done.workerId()).matches("[a-z0-9]{14}");
        JobOutput.Images images = done.images().orElseThrow();
        assertThat(images.images()).as("two SaveImage nodes × batch 2").hasSize(4);
        Set<String> names = new HashSet<>();
        for (OutputImage img : images.images()) {
            assertThat(img.type()).isEqualTo("base64");
            BufferedImage decoded = image(img.decode());
            assertThat(decoded.getWidth()).isEqualTo(768);
            assertThat(decoded.getHeight()).isEqualTo(512);
            names.add(img.filename());
        }
        assertThat(names).hasSize(4).allMatch(n -> n.matches("ComfyUI_\\d{5}_\\.png"));
    }

    @Test
    void theTutorialsCurlStepsWorkUnchangedApartFromTheHost() throws Exception {
        var demo = demo(DemoConfig.fast());
        OkHttpClient http = new OkHttpClient();
        String base = demo.baseUrl() + "/ENDPOINT_ID";
        JsonNode accepted;
        try (Response run = http.newCall(new Request.Builder().url(base + "/run")
                .header("Authorization", "Bearer KEY")
                .post(RequestBody.create(Fixtures.bytes("comfyui_workflow.json"), MediaType.get("application/json")))
                .build()).execute()) {
            assertThat(run.code()).isEqualTo(200);
            accepted = Fixtures.JSON.readTree(run.body().string());
        }
        assertThat(fieldNames(accepted)).isEqualTo(fieldNames(Fixtures.json("runpod/run-accepted.json")));

        JsonNode status;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            Thread.sleep(20);
            try (Response r = http.newCall(new Request.Builder().url(base + "/status/" + accepted.get("id").asText())
                    .header("Authorization", "Bearer KEY").build()).execute()) {
                status = Fixtures.JSON.readTree(r.body().string());
            }
        } while (!status.get("status").asText().equals("COMPLETED") && System.nanoTime() < end);

        // same fields, in the same order, as Runpod's own answer
        assertThat(fieldNames(status)).isEqualTo(fieldNames(Fixtures.json("runpod/status-completed-base64.json")));
        assertThat(fieldNames(status.at("/output/images/0")))
                .isEqualTo(fieldNames(Fixtures.json("runpod/status-completed-base64.json").at("/output/images/0")));
        // the tutorial's decode step: base64-decode output.images[0].data
        BufferedImage img = image(Base64.getDecoder().decode(status.at("/output/images/0/data").asText()));
        assertThat(img.getWidth()).isEqualTo(512);
        assertThat(img.getHeight()).isEqualTo(512);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void runSyncAnswersWithTheResultOrFallsBackToPolling() throws Exception {
        var demo = demo(DemoConfig.fast());
        var client = client(demo);
        StatusResponse s = client.runSync(tutorial(256, 256, 1, "sync", 1), RunPolicy.DEFAULT, Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofSeconds(30));
        assertThat(s.state()).isEqualTo(JobState.COMPLETED);
        assertThat(s.id()).startsWith("sync-");
        assertThat(s.images()).isPresent();

        // a job longer than the 1 s minimum wait: the answer is IN_PROGRESS and the client polls
        var slow = demo(DemoConfig.fast().withTimeScale(1.0));
        var slowClient = client(slow);
        StatusResponse polled = slowClient.runSync(slowJob(1000), RunPolicy.DEFAULT, Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(polled.state()).isEqualTo(JobState.COMPLETED);
        assertThat(sleeps).contains(Duration.ofMillis(100));
    }

    // ---- output shapes ------------------------------------------------------------------------------

    @Test
    void s3UrlOutputIsDownloadedWithoutTheKey() throws Exception {
        var demo = demo(DemoConfig.fast().withOutputMode(OutputMode.S3_URL).withExpectedApiKey("secret-key"));
        var client = client(demo, "secret-key", RetryPolicy.DEFAULT);
        StatusResponse done = awaitTerminal(client, client.run(tutorial(320, 240, 1, "s3", 2), RunPolicy.DEFAULT).id());
        OutputImage img = done.images().orElseThrow().images().getFirst();
        assertThat(img.type()).isEqualTo("s3_url");
        assertThat(img.transport()).isEqualTo(OutputImage.Transport.URL);
        // the demo's "bucket" needs no key (it would refuse none: this proves the download works keyless)
        BufferedImage decoded = image(client.download(img.url()));
        assertThat(decoded.getWidth()).isEqualTo(320);
    }

    @Test
    void legacyMessageOutput() throws Exception {
        var demo = demo(DemoConfig.fast().withOutputMode(OutputMode.LEGACY_MESSAGE));
        var client = client(demo);
        StatusResponse done = awaitTerminal(client, client.run(tutorial(200, 120, 1, "old", 2), RunPolicy.DEFAULT).id());
        assertThat(done.raw().at("/output/status").asText()).isEqualTo("success");
        assertThat(done.raw().at("/output/message").isTextual()).isTrue();
        assertThat(image(done.images().orElseThrow().images().getFirst().decode()).getHeight()).isEqualTo(120);
    }

    @Test
    void onlyPreviewImageGivesSuccessNoImages() throws Exception {
        var demo = demo(DemoConfig.fast());
        var client = client(demo);
        ObjectNode input = tutorial(64, 64, 1, "preview", 1);
        ((ObjectNode) input.get("workflow")).remove(List.of("9", "40"));
        StatusResponse done = awaitTerminal(client, client.run(input, RunPolicy.DEFAULT).id());
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.output()).isInstanceOf(JobOutput.NoImages.class);
        assertThat(done.raw().at("/output/status").asText()).isEqualTo("success_no_images");
    }

    @Test
    void inputImagesAreAcceptedAndChecked() throws Exception {
        var demo = demo(DemoConfig.fast());
        var client = client(demo);
        ObjectNode input = tutorial(64, 64, 1, "img2img", 1);
        ObjectNode wf = (ObjectNode) input.get("workflow");
        wf.putObject("60").put("class_type", "LoadImage").putObject("inputs").put("image", "input_image_1.png");
        ((ObjectNode) wf.get("9").get("inputs")).putArray("images").add("60").add(0);
        input.putArray("images").addObject().put("name", "input_image_1.png")
                .put("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(Fixtures.bytes("tiny-64x64.png")));
        StatusResponse done = awaitTerminal(client, client.run(input, RunPolicy.DEFAULT).id());
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.images().orElseThrow().images()).hasSize(2);

        ((ObjectNode) input.withArray("images").get(0)).put("image", "%%%not base64%%%");
        StatusResponse bad = awaitTerminal(client, client.run(input, RunPolicy.DEFAULT).id());
        assertThat(bad.state()).isEqualTo(JobState.FAILED);
        assertThat(bad.error()).isEqualTo("Failed to upload one or more input images");
    }

    // ---- the model-free image nodes, as real ComfyUI runs them ------------------------------------------

    private static BufferedImage png(String base64) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void modelFreeImageGraphsGiveThePicturesRealComfyUIGives() throws Exception {
        var demo = demo(DemoConfig.fast());
        var client = client(demo);
        var f = JsonNodeFactory.instance;
        // what was sent for each recorded answer (real-worker/README.md)
        Map<String, String> graphs = Map.of(
                "empty_save", "{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {\"width\": 64, \"height\": 48, "
                        + "\"batch_size\": 1, \"color\": 16744448}}, \"2\": {\"class_type\": \"SaveImage\", \"inputs\": "
                        + "{\"images\": [\"1\", 0], \"filename_prefix\": \"easeltest\"}}}",
                "invert_scale", "{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {\"width\": 64, \"height\": 64, "
                        + "\"batch_size\": 1, \"color\": 255}}, \"2\": {\"class_type\": \"ImageInvert\", \"inputs\": "
                        + "{\"image\": [\"1\", 0]}}, \"3\": {\"class_type\": \"ImageScale\", \"inputs\": {\"image\": "
                        + "[\"2\", 0], \"upscale_method\": \"nearest-exact\", \"width\": 96, \"height\": 80, \"crop\": "
                        + "\"disabled\"}}, \"4\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"3\", 0], "
                        + "\"filename_prefix\": \"inverted\"}}}",
                "batch2", "{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {\"width\": 32, \"height\": 32, "
                        + "\"batch_size\": 2, \"color\": 65280}}, \"2\": {\"class_type\": \"SaveImage\", \"inputs\": "
                        + "{\"images\": [\"1\", 0], \"filename_prefix\": \"batch\"}}}");
        for (var e : graphs.entrySet()) {
            var input = f.objectNode().set("workflow", WorkflowJson.parse(e.getValue()));
            StatusResponse ours = awaitTerminal(client, client.run((ObjectNode) input, RunPolicy.DEFAULT).id());
            StatusResponse real = StatusResponse.parse(Fixtures.json("real-worker/" + e.getKey() + ".json"));
            assertThat(ours.state()).as(e.getKey()).isEqualTo(JobState.COMPLETED);
            var mine = ours.images().orElseThrow().images();
            var theirs = real.images().orElseThrow().images();
            assertThat(mine).as(e.getKey()).hasSameSizeAs(theirs);
            for (int i = 0; i < theirs.size(); i++) {
                var a = png(mine.get(i).data());
                var b = png(theirs.get(i).data());
                assertThat(a.getWidth()).as(e.getKey()).isEqualTo(b.getWidth());
                assertThat(a.getHeight()).as(e.getKey()).isEqualTo(b.getHeight());
                int[][] points = {{0, 0}, {a.getWidth() / 2, a.getHeight() / 2}, {a.getWidth() - 1, a.getHeight() - 1}};
                for (int[] at : points) {
                    assertThat(Integer.toHexString(a.getRGB(at[0], at[1]) & 0xFFFFFF)).as("%s colour", e.getKey())
                            .isEqualTo(Integer.toHexString(b.getRGB(at[0], at[1]) & 0xFFFFFF));
                }
                assertThat(mine.get(i).filename()).as(e.getKey()).isEqualTo(theirs.get(i).filename());
            }
        }
    }

    // ---- failures, cancel, retry ---------------------------------------------------------------------

    @Test
    void aBadCheckpointFailsWithTheWorkersTextAndCanBeRetried() throws Exception {
        var demo = demo(DemoConfig.fast());
        var client = client(demo);
        ObjectNode input = tutorial(64, 64, 1, "x", 1);
        ((ObjectNode) input.get("workflow").get("30").get("inputs")).put("ckpt_name", "flux1-dev.safetensors");
        String id = client.run(input, RunPolicy.DEFAULT).id();
        StatusResponse failed = awaitTerminal(client, id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).startsWith("Workflow validation failed:")
                .contains("Available checkpoint models: flux1-dev-fp8.safetensors");
        JobError e = failed.failure().orElseThrow();
        assertThat(Messages.get(e.summary()))
                .startsWith("This endpoint has no flux1-dev.safetensors; it has: flux1-dev-fp8.safetensors, ")
                .endsWith("Choose a template for a model it has, or add the model to the endpoint.");

        JobRef retried = client.retry(id);
        assertThat(retried.id()).isEqualTo(id);
        assertThat(retried.state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(awaitTerminal(client, id).state()).isEqualTo(JobState.FAILED);
        assertThat(client.health().job("retried")).isEqualTo(1);

        String ok = client.run(tutorial(64, 64, 1, "fine", 1), RunPolicy.DEFAULT).id();
        awaitTerminal(client, ok);
        RunpodException notRetryable = catchThrowableOfType(RunpodException.class, () -> client.retry(ok));
        assertThat(notRetryable.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(notRetryable.getMessage()).contains("only FAILED or TIMED_OUT");
    }

    @Test
    void cancelOfAQueuedAndOfARunningJob() throws Exception {
        var demo = demo(DemoConfig.fast().withWorkers(1).withTimeScale(1.0));
        var client = client(demo);
        String running = client.run(slowJob(2000), RunPolicy.DEFAULT).id();
        String queued = client.run(slowJob(10), RunPolicy.DEFAULT).id();
        awaitState(client, running, JobState.IN_PROGRESS);
        assertThat(client.status(queued).state()).isEqualTo(JobState.IN_QUEUE);

        assertThat(client.cancel(queued).state()).isEqualTo(JobState.CANCELLED);
        assertThat(client.status(queued).state()).isEqualTo(JobState.CANCELLED);
        assertThat(client.cancel(running).state()).isEqualTo(JobState.CANCELLED);
        assertThat(client.status(running).state()).isEqualTo(JobState.CANCELLED);
        // a cancelled job stays cancelled
        assertThat(client.cancel(running).state()).isEqualTo(JobState.CANCELLED);
    }

    private static void awaitState(OkHttpRunpodClient client, String id, JobState state) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.status(id).state() != state) {
            assertThat(System.nanoTime()).as("reached " + state).isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void purgeQueueRemovesWaitingJobsOnly() throws Exception {
        var demo = demo(DemoConfig.fast().withWorkers(1).withTimeScale(1.0));
        var client = client(demo);
        String running = client.run(slowJob(2000), RunPolicy.DEFAULT).id();
        awaitState(client, running, JobState.IN_PROGRESS);
        List<String> waiting = List.of(client.run(slowJob(1), RunPolicy.DEFAULT).id(),
                client.run(slowJob(1), RunPolicy.DEFAULT).id(), client.run(slowJob(1), RunPolicy.DEFAULT).id());
        assertThat(client.health().inQueue()).isEqualTo(3);
        assertThat(client.health().runningWorkers()).isEqualTo(1);
        assertThat(client.purgeQueue().removed()).isEqualTo(3);
        assertThat(client.status(running).state()).isEqualTo(JobState.IN_PROGRESS);
        for (String id : waiting) {
            assertThat(catchThrowableOfType(RunpodException.class, () -> client.status(id)).kind())
                    .isEqualTo(Kind.JOB_NOT_FOUND);
        }
        client.cancel(running);
    }

    // ---- auth, 404, retention, policies --------------------------------------------------------------

    @Test
    void aWrongKeyIs401AndAMissingKeyToo() throws Exception {
        var demo = demo(DemoConfig.fast().withExpectedApiKey("right"));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client(demo, "wrong", RetryPolicy.DEFAULT)
                .run(tutorial(64, 64, 1, "x", 1), RunPolicy.DEFAULT));
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(catchThrowableOfType(RunpodException.class, () -> client(demo, "", RetryPolicy.DEFAULT).health())
                .kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(client(demo, "right", RetryPolicy.DEFAULT).health().inQueue()).isZero();
    }

    @Test
    void unknownJobsAndEndpointsAre404() throws Exception {
        var demo = demo(DemoConfig.fast().withEndpointIds(Set.of("demo")));
        var client = client(demo);
        assertThat(catchThrowableOfType(RunpodException.class, () -> client.status("no-such-job")).kind())
                .isEqualTo(Kind.JOB_NOT_FOUND);
        var other = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "other", "k"));
        open.add(other);
        assertThat(catchThrowableOfType(RunpodException.class, other::health).kind())
                .isEqualTo(Kind.ENDPOINT_NOT_FOUND);
    }

    @Test
    void resultsAre404AfterRetention() throws Exception {
        var demo = demo(DemoConfig.fast().withRetention(Duration.ofMillis(300), Duration.ofMillis(300)));
        var client = client(demo);
        String id = client.run(tutorial(64, 64, 1, "brief", 1), RunPolicy.DEFAULT).id();
        assertThat(awaitTerminal(client, id).state()).isEqualTo(JobState.COMPLETED);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        RunpodException gone = null;
        while (gone == null && System.nanoTime() < end) {
            try {
                client.status(id);
                Thread.sleep(50);
            } catch (RunpodException e) {
                gone = e;
            }
        }
        assertThat(gone).isNotNull();
        assertThat(gone.kind()).isEqualTo(Kind.JOB_NOT_FOUND);
        assertThat(gone.getMessage()).contains("expired");
    }

    @Test
    void ttlDeletesAJobThatWaitsTooLong() throws Exception {
        var demo = demo(DemoConfig.fast().withWorkers(1).withTimeScale(1.0));
        var client = client(demo);
        String blocker = client.run(slowJob(2000), RunPolicy.DEFAULT).id();
        String id = client.run(slowJob(1), new RunPolicy(null, Duration.ofMillis(800), null)).id();
        assertThat(client.status(id).state()).isEqualTo(JobState.IN_QUEUE);
        Thread.sleep(1000); // past the job's own ttl: there is no condition to await but time itself
        assertThat(catchThrowableOfType(RunpodException.class, () -> client.status(id)).kind())
                .isEqualTo(Kind.JOB_NOT_FOUND);
        client.cancel(blocker);
    }

    @Test
    void executionTimeoutEndsTheJobAsTimedOut() throws Exception {
        var demo = demo(DemoConfig.fast().withTimeScale(1.0));
        var client = client(demo);
        String id = client.run(slowJob(10_000), new RunPolicy(Duration.ofSeconds(5), null, null)).id();
        StatusResponse s = awaitTerminal(client, id);
        assertThat(s.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(Messages.get(s.failure().orElseThrow().summary())).contains("execution timeout");
        assertThat(client.retry(id).state()).isEqualTo(JobState.IN_QUEUE);
        client.cancel(id);
    }

    @Test
    void anOversizeBodyIs413() throws Exception {
        var demo = demo(DemoConfig.fast());
        byte[] big = ("{\"input\":{\"workflow\":{},\"images\":[{\"name\":\"a\",\"image\":\"" + "A".repeat(10_100_000)
                + "\"}]}}").getBytes();
        try (Response r = new OkHttpClient().newCall(new Request.Builder().url(demo.baseUrl() + "/demo/run")
                .header("Authorization", "Bearer k").post(RequestBody.create(big, MediaType.get("application/json")))
                .build()).execute()) {
            assertThat(r.code()).isEqualTo(413);
        }
    }

    // ---- faults ----------------------------------------------------------------------------------------

    @Test
    void rateLimitsAreHandledWithBackoffHonouringRetryAfter() throws Exception {
        var demo = demo(DemoConfig.fast().withFaults(Faults.NONE.withRateLimited(0.5, Duration.ofSeconds(1))));
        var client = client(demo);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.run(tutorial(64, 64, 1, "busy " + i, i), RunPolicy.DEFAULT).id());
        }
        for (String id : ids) {
            assertThat(awaitTerminal(client, id).state()).isEqualTo(JobState.COMPLETED);
        }
        assertThat(sleeps).as("429s were met and waited out").isNotEmpty().allMatch(d -> d.equals(Duration.ofSeconds(1)));
    }

    @Test
    void everyFaultOnTheClientStillCollectsEveryJobItKnowsOf() throws Exception {
        Faults all = Faults.NONE.withServerError(0.1).withRateLimited(0.1, Duration.ofMillis(100)).withHtmlPage(0.1)
                .withDropConnection(0.1).withSlow(0.1, Duration.ofMillis(300)).withMalformedJson(0.1);
        var demo = demo(DemoConfig.fast().withFaults(all));
        var client = client(demo, "k", new RetryPolicy(12, Duration.ofMillis(10), Duration.ofMillis(100),
                Duration.ofSeconds(2)));
        List<String> ids = new ArrayList<>();
        int unknown = 0;
        for (int i = 0; i < 12; i++) {
            try {
                ids.add(client.run(tutorial(64, 64, 1, "fault " + i, i), RunPolicy.DEFAULT).id());
            } catch (RunpodException e) {
                assertThat(e.kind()).isEqualTo(Kind.SUBMISSION_UNKNOWN);
                unknown++;
            }
        }
        for (String id : ids) {
            StatusResponse s = awaitTerminal(client, id);
            assertThat(s.state()).isEqualTo(JobState.COMPLETED);
            assertThat(image(s.images().orElseThrow().images().getFirst().decode()).getWidth()).isEqualTo(64);
        }
        assertThat(ids.size() + unknown).isEqualTo(12);
        assertThat(ids).isNotEmpty();
        assertThat(sleeps).as("faults happened and were retried").isNotEmpty();
    }

    @Test
    void completedWithoutOutputIsReportedAsTooLarge() throws Exception {
        var demo = demo(DemoConfig.fast().withFaults(Faults.NONE.withCompletedWithoutOutput(1.0)));
        var client = client(demo);
        StatusResponse s = awaitTerminal(client, client.run(tutorial(64, 64, 1, "huge", 1), RunPolicy.DEFAULT).id());
        assertThat(s.state()).isEqualTo(JobState.COMPLETED);
        assertThat(s.raw().has("output")).isFalse();
        assertThat(Messages.get(s.failure().orElseThrow().summary())).contains("too large");
    }

    @Test
    void healthCountsJobsAndWorkers() throws Exception {
        var demo = demo(DemoConfig.fast().withWorkers(3));
        var client = client(demo);
        assertThat(client.health().idleWorkers()).isEqualTo(3);
        awaitTerminal(client, client.run(tutorial(64, 64, 1, "h", 1), RunPolicy.DEFAULT).id());
        assertThat(client.health().job("completed")).isEqualTo(1);
    }

    @Test
    void coldStartShowsAsInitializingWorkersAndQueueDelay() throws Exception {
        var demo = demo(DemoConfig.fast().withWorkers(1).withColdStart(Duration.ofMillis(40_000)));
        var client = client(demo);
        String id = client.run(tutorial(64, 64, 1, "cold", 1), RunPolicy.DEFAULT).id();
        // time scale 0.01: a 40 s boot takes 400 ms
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.health().worker("initializing") != 1 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(client.health().worker("initializing")).isEqualTo(1);
        StatusResponse s = awaitTerminal(client, id);
        assertThat(s.delayTime()).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }
}
