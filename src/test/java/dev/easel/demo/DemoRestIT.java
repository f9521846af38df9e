package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.BillingQuery;
import dev.easel.api.EndpointChange;
import dev.easel.api.EndpointDraft;
import dev.easel.api.EndpointWorkers;
import dev.easel.api.JobState;
import dev.easel.api.LogEvent;
import dev.easel.api.LogStream;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RetryPolicy;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.api.RunpodException;
import dev.easel.testing.Fixtures;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The demo's REST v2 through Easel's own management client, and its refusals as Runpod words them. */
class DemoRestIT {

    private DemoEndpoint demo;
    private OkHttpRunpodAccount account;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(2));
        account = new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), "demo-key")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        account.close();
        demo.close();
    }

    private OkHttpRunpodClient queue(String endpointId) {
        var c = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), endpointId, "demo-key")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        open.add(c);
        return c;
    }

    private static EndpointDraft draft(String name) {
        return new EndpointDraft(name, "runpod/worker-comfyui:5.8.5-flux1-dev-fp8", List.of("ADA_24"), 1,
                List.of("12.7", "12.6"), 0, 1, 5, 4, "FLASHBOOT", 600_000, 20, Map.of("COMFY_LOG_LEVEL", "INFO"),
                List.of());
    }

    private static JsonNode job(int steps) {
        ObjectNode input = Fixtures.tutorialInput();
        ((ObjectNode) input.get("workflow").get("27").get("inputs")).put("width", 64).put("height", 64);
        ((ObjectNode) input.get("workflow").get("31").get("inputs")).put("steps", steps);
        return input;
    }

    @Test
    void anEndpointMadeThroughTheApiRunsJobsIsBilledForThemAndIsGoneWhenDeleted() throws Exception {
        assertThat(account.endpoints()).extracting(AccountEndpoint::id).containsExactly("demo");

        AccountEndpoint made = account.create(draft("my flux"));
        assertThat(made.id()).matches("[a-z0-9]{14}");
        assertThat(made.workersMax()).isEqualTo(1);
        assertThat(made.idleTimeout()).isEqualTo(5);
        assertThat(made.flashboot()).isEqualTo("FLASHBOOT");
        assertThat(made.imageTag()).isEqualTo("5.8.5-flux1-dev-fp8");
        assertThat(account.endpoints()).hasSize(2);

        OkHttpRunpodClient client = queue(made.id());
        String id = client.run(job(4), RunPolicy.DEFAULT).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.status(id).state() == JobState.COMPLETED);

        EndpointWorkers workers = account.workers(made.id());
        assertThat(workers.total()).as("the worker that ran it").isEqualTo(1);
        assertThat(workers.count(EndpointWorkers.State.IDLE)).isEqualTo(1);
        assertThat(workers.workers().getFirst().gpuTypeId()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(account.workers("demo").total()).as("the demo's other worker").isEqualTo(1);

        // billed when the worker is done with it, a moment after the job shows as completed
        await().atMost(Duration.ofSeconds(10)).until(() -> !account.billing(BillingQuery.lastHours(2, made.id()))
                .buckets().isEmpty());
        var bill = account.billing(BillingQuery.lastHours(2, made.id()));
        assertThat(bill.buckets()).as("one record per hour asked for").hasSize(2);
        assertThat(bill.totalOf(made.id())).as("one second (rounded up) of an RTX 4090")
                .isCloseTo(1.116 / 3600, within(1e-6));
        assertThat(account.billing(BillingQuery.lastHours(2, "demo")).buckets()).as("the demo's own: nothing ran")
                .isEmpty();

        try (LogStream log = account.logs(made.id(), workers.workers().getFirst().id(), 100, null)) {
            List<String> lines = new ArrayList<>();
            while (lines.size() < 2) { // the stream stays open for more: read the two lines there are
                LogEvent e = log.next();
                assertThat(e).isNotNull();
                lines.add(e.line());
            }
            assertThat(lines).first().asString().startsWith("Started job " + id);
            assertThat(lines.get(1)).startsWith("Finished job " + id);
        }

        account.delete(made.id());
        var gone = catchThrowableOfType(RunpodException.class, () -> account.endpoint(made.id()));
        assertThat(gone.kind()).isEqualTo(RunpodException.Kind.ENDPOINT_NOT_FOUND);
    }

    @Test
    void minWorkersStartsAWorkerThatIsBilledWhileIdleAndStopsAfterTheIdleTimeoutOnceLowered() throws Exception {
        stop();
        demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(2).withColdStart(Duration.ofSeconds(20)));
        account = new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), "demo-key").withRetry(RetryPolicy.NONE));
        assertThat(account.workers("demo").workers()).as("cold: none up").isEmpty();

        account.update("demo", EndpointChange.workers(1, null)); // keep warm
        await().atMost(Duration.ofSeconds(20)).until(() -> account.workers("demo").count(EndpointWorkers.State.IDLE) == 1);
        double first = account.billing(BillingQuery.lastHours(2, "demo")).total();
        await("billed while it waits, idle").atMost(Duration.ofSeconds(20))
                .until(() -> account.billing(BillingQuery.lastHours(2, "demo")).total() > first);
        assertThat(account.workers("demo").workers()).as("only min workers start").hasSize(1);

        account.update("demo", EndpointChange.workers(0, null)); // the spell ends
        await("stopped after the idle timeout").atMost(Duration.ofSeconds(20))
                .until(() -> account.workers("demo").workers().isEmpty());
    }

    @Test
    void aLowPriorityJobStartsNoWorkerAndRunsOnTheOneAnotherJobWoke() throws Exception {
        stop();
        demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(1).withColdStart(Duration.ofSeconds(20)));
        account = new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), "demo-key").withRetry(RetryPolicy.NONE));
        OkHttpRunpodClient client = queue("demo");
        // sent first, it would be first: the one cold worker leaves it, as Runpod starts no worker for it
        String low = client.run(job(2), new RunPolicy(null, null, true)).id();
        String normal = client.run(job(2), RunPolicy.DEFAULT).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.status(low).state() == JobState.COMPLETED);
        var l = client.status(low);
        var n = client.status(normal);
        assertThat(n.state()).isEqualTo(JobState.COMPLETED);
        assertThat(l.workerId()).as("the worker the other job woke").isEqualTo(n.workerId());
        // sent first, it would have started first had it woken the worker; it started after the other one did
        assertThat(l.delayTime()).as("it waited for the cold start the other job paid").isGreaterThanOrEqualTo(n.delayTime());
    }

    @Test
    void afterAnIdleScaleDownJobsWaitInTheQueueUntilTheMaxIsRaisedAgain() {
        AccountEndpoint made = account.create(draft("scaled"));
        demo.account().scaleDown(made.id(), 0); // Runpod after 7 idle days
        assertThat(account.endpoint(made.id()).workersMax()).isZero();

        OkHttpRunpodClient client = queue(made.id());
        String id = client.run(job(2), RunPolicy.DEFAULT).id();
        // the demo's own endpoint still runs: the workers are free, only this endpoint may not use them
        String other = queue("demo").run(job(2), RunPolicy.DEFAULT).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> queue("demo").status(other).state() == JobState.COMPLETED);
        assertThat(client.status(id).state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(client.health().idleWorkers()).as("no worker for it, as on Runpod").isZero();
        assertThat(client.health().inQueue()).isEqualTo(1);

        assertThat(account.update(made.id(), EndpointChange.workers(null, 2)).workersMax()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.status(id).state() == JobState.COMPLETED);
    }

    @Test
    void whileThrottledNoWorkerStartsAndTheQueuedEndpointShowsAThrottledWorker() {
        demo.account().setThrottled(true);
        OkHttpRunpodClient client = queue("demo");
        String id = client.run(job(2), RunPolicy.DEFAULT).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> account.workers("demo").count(EndpointWorkers.State.THROTTLED) == 1);
        assertThat(client.status(id).state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(account.gpus()).allSatisfy(g -> assertThat(g.availability()).isEqualTo("NONE"));

        demo.account().setThrottled(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.status(id).state() == JobState.COMPLETED);
        assertThat(account.gpus()).hasSize(8).allSatisfy(g -> assertThat(g.serverless()).isTrue());
    }

    @Test
    void deletingAnEndpointCancelsTheJobsItHadQueued() {
        AccountEndpoint made = account.create(draft("doomed"));
        demo.account().scaleDown(made.id(), 0);
        OkHttpRunpodClient client = queue(made.id());
        String id = client.run(job(2), RunPolicy.DEFAULT).id();
        account.delete(made.id());
        assertThat(client.status(id).state()).isEqualTo(JobState.CANCELLED);
    }

    // ---- refusals, as raw HTTP (Easel's client cannot send most of these) ---------------------------

    /** A plain answer: status, headers, body. */
    private record Raw(int statusCode, Headers headers, String body) { }

    private final OkHttpClient http = new OkHttpClient();

    private Raw raw(String method, String path, String body, String key) throws Exception {
        var b = new Request.Builder().url(demo.baseUrl() + path).method(method,
                body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try (var r = http.newCall(b.build()).execute()) {
            return new Raw(r.code(), r.headers(), r.body().string());
        }
    }

    @Test
    void refusalsAreProblemDetailsWithEveryFaultListed() throws Exception {
        var noKey = raw("GET", "/serverless", null, null);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Fixtures.JSON.readTree(noKey.body()).path("detail").asText()).isEqualTo("missing bearer token");

        var unknown = raw("POST", "/serverless", """
                {"name":"x","type":"QUEUE","image":"runpod/worker-comfyui:5.8.5-base","bogus":1,
                 "gpu":{"pools":["ADA_24"],"count":0},"scaling":{"type":"QUEUE_DELAY","queueDelay":0.1},
                 "workers":{"idleTimeout":7200}}""", "k");
        assertThat(unknown.statusCode()).isEqualTo(422);
        JsonNode p = Fixtures.JSON.readTree(unknown.body());
        assertThat(p.path("title").asText()).isEqualTo("Unprocessable Entity");
        assertThat(p.path("errors")).extracting(JsonNode::asText).contains(
                "$: additional properties 'bogus' not allowed", "$.gpu.count: must be >= 1",
                "$.scaling.queueDelay: must be >= 0.5", "$.workers.idleTimeout: must be between 1 and 3600");

        var both = raw("POST", "/serverless", """
                {"name":"x","type":"QUEUE","image":"a/b:1","scaling":{"type":"QUEUE_DELAY","queueDelay":4}}""", "k");
        assertThat(both.statusCode()).as("neither gpu nor cpu").isEqualTo(400);

        var latest = raw("POST", "/serverless", """
                {"name":"x","type":"QUEUE","image":"runpod/worker-comfyui:latest","gpu":{"pools":["ADA_24"]},
                 "scaling":{"type":"QUEUE_DELAY","queueDelay":4}}""", "k");
        assertThat(latest.statusCode()).isEqualTo(400);
        assertThat(latest.body()).contains("does not resolve to a published image");

        var type = raw("PATCH", "/serverless/demo", "{\"type\":\"LOAD_BALANCER\"}", "k");
        assertThat(type.statusCode()).isEqualTo(422);
        assertThat(type.body()).contains("additional properties 'type' not allowed");

        var put = raw("PUT", "/serverless/demo", "{}", "k");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().get("Allow")).isEqualTo("GET, PATCH, DELETE");

        var billing = raw("GET", "/billing/serverless?lastN=2&startTime=2026-06-01T00:00:00Z", null, "k");
        assertThat(billing.statusCode()).isEqualTo(400);

        assertThat(account.endpoints()).as("nothing was made or changed").hasSize(1);
        assertThat(account.endpoint("demo").type()).isEqualTo("QUEUE");
    }
}
