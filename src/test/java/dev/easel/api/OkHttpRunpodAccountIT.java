package dev.easel.api;

import dev.easel.testing.Fixtures;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static dev.easel.api.RunpodException.Kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST v2 management client against answers built from Runpod's v2 spec, every error shape among them. */
class OkHttpRunpodAccountIT {

    private static final String KEY = "rpa_ACCOUNTKEY1234567890SECRET";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<Duration> sleeps = new ArrayList<>();
    private OkHttpRunpodAccount account;

    @BeforeEach
    void setUp() {
        account = new OkHttpRunpodAccount(AccountConfig.of(server.url("/v2").uri(), KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)), sleeps::add, new SplittableRandom(1));
    }

    @AfterEach
    void tearDown() {
        account.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse problem(int code, String fixture) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/problem+json")
                .body(rest(fixture)).build();
    }

    private static String rest(String name) {
        return Fixtures.text("runpod-rest/" + name);
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    // ---- endpoints ----------------------------------------------------------------------------------

    @Test
    void listsTheEndpointsOfEveryKindSkippingOneWithoutAnId() throws Exception {
        server.enqueue(json(200, rest("endpoints.json")));
        List<AccountEndpoint> all = account.endpoints();

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/serverless");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(all).extracting(AccountEndpoint::id).containsExactly("4m7x2k9q", "lb7q2m4x", "cpu9x2m4");
        AccountEndpoint comfy = all.getFirst();
        assertThat(comfy.image()).isEqualTo("runpod/worker-comfyui:5.8.5-flux1-dev-fp8");
        assertThat(comfy.imageTag()).isEqualTo("5.8.5-flux1-dev-fp8");
        assertThat(comfy.gpuPools()).containsExactly("ADA_24", "AMPERE_24");
        assertThat(comfy.gpuCount()).isEqualTo(1);
        assertThat(comfy.workersMax()).isEqualTo(3);
        assertThat(comfy.idleTimeout()).isEqualTo(5);
        assertThat(comfy.scalingType()).isEqualTo("QUEUE_DELAY");
        assertThat(comfy.scalingValue()).isEqualTo(4.0);
        assertThat(comfy.flashboot()).isEqualTo("FLASHBOOT");
        assertThat(comfy.timeoutMs()).isEqualTo(600_000);
        assertThat(comfy.createdAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        AccountEndpoint lb = all.get(1);
        assertThat(lb.type()).isEqualTo("LOAD_BALANCER");
        assertThat(lb.idleTimeout()).as("a REQUEST_COUNT scaler has no idle timeout").isEqualTo(-1);
        assertThat(lb.workersMin()).isEqualTo(1);
        assertThat(all.get(2).gpu()).as("a CPU endpoint").isFalse();
    }

    @Test
    void readsAnEndpointInTheBetaShapeAndInRestV1sNames() {
        server.enqueue(json(200, rest("endpoint-beta-shape.json")));
        server.enqueue(json(200, rest("endpoint-v1-shape.json")));

        AccountEndpoint beta = account.endpoint("beta7x2k");
        assertThat(beta.type()).isEqualTo("QUEUE");
        assertThat(beta.scalingValue()).isEqualTo(4.0);
        assertThat(beta.idleTimeout()).as("scaling.idleTimeout of July").isEqualTo(5);
        AccountEndpoint v1 = account.endpoint("v1x2k9q7");
        assertThat(v1.image()).isEqualTo("runpod/worker-comfyui:5.7.1-flux1-dev-fp8");
        assertThat(v1.gpuPools()).as("gpuIds without its negations").containsExactly("ADA_24");
        assertThat(v1.workersMax()).isEqualTo(2);
        assertThat(v1.idleTimeout()).isEqualTo(5);
        assertThat(v1.flashboot()).isEqualTo("FLASHBOOT");
        assertThat(v1.timeoutMs()).isEqualTo(600_000);
        assertThat(v1.env()).containsEntry("COMFY_LOG_LEVEL", "INFO");
    }

    @Test
    void anIdIsSentAsOnePathSegmentWhateverItHoldsAndAnAnswerWithoutAnEndpointIsSaidSo() throws Exception {
        server.enqueue(json(200, "{\"name\":\"no id\"}"));
        var e = catchThrowableOfType(RunpodException.class, () -> account.endpoint("a/b c"));
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/serverless/a%2Fb%20c");
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("had no endpoint");
    }

    private static EndpointDraft draft() {
        return new EndpointDraft("comfyui-flux1-dev-fp8", "runpod/worker-comfyui:5.8.5-flux1-dev-fp8", List.of("ADA_24"),
                1, List.of("12.7", "12.6"), 0, 3, 5, 4, "FLASHBOOT", 600_000, 20,
                Map.of("COMFY_LOG_LEVEL", "INFO"), List.of());
    }

    @Test
    void createSendsEveryDisputedDefaultExplicitly() throws Exception {
        server.enqueue(json(201, rest("endpoint.json")));
        AccountEndpoint made = account.create(draft());

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/serverless");
        var sent = Fixtures.JSON.readTree(r.getBody().utf8());
        assertThat(sent).isEqualTo(Fixtures.JSON.readTree("""
                {"name":"comfyui-flux1-dev-fp8","type":"QUEUE","image":"runpod/worker-comfyui:5.8.5-flux1-dev-fp8",
                 "gpu":{"pools":["ADA_24"],"count":1,"allowedCudaVersions":["12.7","12.6"]},
                 "workers":{"min":0,"max":3,"idleTimeout":5},"scaling":{"type":"QUEUE_DELAY","queueDelay":4.0},
                 "timeout":600000,"flashboot":"FLASHBOOT","disk":20,"env":{"COMFY_LOG_LEVEL":"INFO"}}"""));
        assertThat(made.id()).isEqualTo("4m7x2k9q");
    }

    @Test
    void aCreateThatMayHaveReachedRunpodIsNeverSentAgain() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        var dropped = catchThrowableOfType(RunpodException.class, () -> account.create(draft()));
        assertThat(dropped.kind()).isEqualTo(Kind.SUBMISSION_UNKNOWN);
        assertThat(dropped.getMessage()).contains("may have made the endpoint");
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(500, "{}"));
        var failed = catchThrowableOfType(RunpodException.class, () -> account.create(draft()));
        assertThat(failed.kind()).isEqualTo(Kind.SUBMISSION_UNKNOWN);
        assertThat(server.getRequestCount()).as("a 500 to a create is not retried").isEqualTo(2);
    }

    @Test
    void aCreateRefusedFor429IsSentAgainAfterTheWaitRunpodAsksFor() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .addHeader("Content-Type", "application/problem+json").body(rest("problem-429.json")).build());
        server.enqueue(json(201, rest("endpoint.json")));
        assertThat(account.create(draft()).id()).isEqualTo("4m7x2k9q");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void updateSendsOnlyTheFieldsThatChange() throws Exception {
        server.enqueue(json(200, rest("endpoint.json")));
        account.update("4m7x2k9q", EndpointChange.workers(1, null));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("PATCH");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/serverless/4m7x2k9q");
        assertThat(Fixtures.JSON.readTree(r.getBody().utf8())).isEqualTo(Fixtures.JSON.readTree("{\"workers\":{\"min\":1}}"));
    }

    @Test
    void deleteTakes204AndA404ToARepeatMeansTheFirstWentThrough() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        account.delete("4m7x2k9q");
        assertThat(take().getMethod()).isEqualTo("DELETE");

        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(problem(404, "problem-404.json"));
        account.delete("4m7x2k9q"); // no error: it is gone
        assertThat(server.getRequestCount()).isEqualTo(3);

        server.enqueue(problem(404, "problem-404.json"));
        var e = catchThrowableOfType(RunpodException.class, () -> account.delete("nope"));
        assertThat(e.kind()).as("a 404 to the first attempt is one").isEqualTo(Kind.ENDPOINT_NOT_FOUND);
        assertThat(e.getMessage()).contains("endpoint nope");
    }

    // ---- workers and logs ----------------------------------------------------------------------------

    @Test
    void workersAreCountedByStateFromTheListEvenWhenRunpodsSummaryDoesNotAddUp() throws Exception {
        server.enqueue(json(200, rest("workers.json")));
        EndpointWorkers w = account.workers("4m7x2k9q");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/serverless/4m7x2k9q/workers");
        assertThat(w.endpointVersion()).isEqualTo(4);
        assertThat(w.count(EndpointWorkers.State.RUNNING)).isEqualTo(1);
        assertThat(w.count(EndpointWorkers.State.INITIALIZING)).isEqualTo(1);
        assertThat(w.count(EndpointWorkers.State.OTHER)).as("a state Easel does not know").isEqualTo(1);
        assertThat(w.total()).isEqualTo(3);
        var running = w.workers().getFirst();
        assertThat(running.gpuTypeId()).isEqualTo("NVIDIA GeForce RTX 4090");
        assertThat(running.uptimeSeconds()).isEqualTo(3600);
        assertThat(w.workers().get(1).stale()).isTrue();
        assertThat(w.workers().get(1).uptimeSeconds()).as("not placed yet").isEqualTo(-1);

        server.enqueue(json(200, rest("workers-summary-only.json")));
        EndpointWorkers summary = account.workers("4m7x2k9q");
        assertThat(summary.endpointVersion()).isNull();
        assertThat(summary.count(EndpointWorkers.State.THROTTLED)).isEqualTo(3);
        assertThat(summary.total()).isEqualTo(6);
    }

    @Test
    void aWorkersLogStreamsItsLinesAndResumesAfterTheLastOne() throws Exception {
        String sse = rest("worker-log.sse").replace("Worker ready.", "Worker ready. key=" + KEY);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(sse).build());
        List<LogEvent> events = new ArrayList<>();
        try (LogStream log = account.logs("4m7x2k9q", "8g3n5t6r", 100, null)) {
            for (LogEvent e; (e = log.next()) != null; ) {
                events.add(e);
            }
            assertThat(log.lastEventId()).isEqualTo("2026-06-01T12:05:04Z/000000000042");
        }
        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/serverless/4m7x2k9q/workers/8g3n5t6r/logs");
        assertThat(r.getUrl().queryParameter("tail")).isEqualTo("100");
        assertThat(events).extracting(LogEvent::line).containsExactly(
                "Pulling image runpod/worker-comfyui:5.8.5-flux1-dev-fp8", "worker-comfyui - Starting ComfyUI",
                "Worker ready. key=[redacted]", "not JSON at all\nand a second data line");
        assertThat(events.get(1).source()).isEqualTo("container");
        assertThat(events.getFirst().ts()).isEqualTo("2026-06-01T12:05:01Z");

        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body("").build());
        try (LogStream again = account.logs("4m7x2k9q", "8g3n5t6r", 100, "2026-06-01T12:05:04Z/000000000042")) {
            assertThat(again.next()).isNull();
        }
        RecordedRequest resumed = take();
        assertThat(resumed.getHeaders().get("Last-Event-ID")).isEqualTo("2026-06-01T12:05:04Z/000000000042");
        assertThat(resumed.getUrl().queryParameter("tail")).as("Runpod ignores tail when resuming").isNull();

        server.enqueue(problem(404, "problem-404.json"));
        assertThatThrownBy(() -> account.logs("4m7x2k9q", "gone", 100, null))
                .isInstanceOf(RunpodException.class).hasMessageContaining("the log of worker gone");
    }

    // ---- catalog, billing, volumes -------------------------------------------------------------------

    @Test
    void theGpuCatalogIsAskedForServerlessAvailabilityAndAGpuOutsideAPoolIsNoServerlessChoice() throws Exception {
        server.enqueue(json(200, rest("gpus.json")));
        List<GpuType> gpus = account.gpus();
        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/catalog/gpus");
        assertThat(r.getUrl().queryParameter("include")).isEqualTo("AVAILABILITY");
        assertThat(r.getUrl().queryParameter("product")).isEqualTo("SERVERLESS");
        assertThat(gpus).hasSize(3);
        assertThat(gpus.getFirst().pool()).isEqualTo("ADA_24");
        assertThat(gpus.getFirst().serverlessPerHour()).isEqualTo(1.1);
        assertThat(gpus.getFirst().availability()).isEqualTo("HIGH");
        assertThat(gpus.get(2).serverless()).isFalse();
        assertThat(gpus.get(2).serverlessPerHour()).isNaN();
    }

    @Test
    void theBillIsReadByBucketsForOneEndpoint() throws Exception {
        server.enqueue(json(200, rest("billing.json")));
        BillingReport bill = account.billing(BillingQuery.lastHours(24, "4m7x2k9q"));
        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/billing/serverless");
        assertThat(r.getUrl().queryParameter("bucketSize")).isEqualTo("hour");
        assertThat(r.getUrl().queryParameter("lastN")).isEqualTo("24");
        assertThat(r.getUrl().queryParameter("serverlessId")).isEqualTo("4m7x2k9q");
        assertThat(r.getUrl().queryParameter("startTime")).isNull();
        assertThat(bill.total()).isEqualTo(8.9);
        assertThat(bill.totalOf("4m7x2k9q")).isEqualTo(8.9);
        assertThat(bill.buckets().getFirst().fee()).isEqualTo(1.0);

        server.enqueue(json(200, "{\"records\":[]}"));
        account.billing(BillingQuery.between(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"),
                "day", null));
        RecordedRequest range = take();
        assertThat(range.getUrl().queryParameter("startTime")).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(range.getUrl().queryParameter("lastN")).isNull();
        assertThat(range.getUrl().queryParameter("serverlessId")).isNull();
        assertThatThrownBy(() -> new BillingQuery(Instant.now(), null, 3, "day", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void networkVolumesAreListed() {
        server.enqueue(json(200, rest("network-volumes.json")));
        assertThat(account.networkVolumes()).containsExactly(new NetworkVolume("2q9m7x4c", "training-dataset", 50, "US-KS-2"));
    }

    // ---- every refusal ------------------------------------------------------------------------------

    @Test
    void everyProblemShapeBecomesASentenceThatSaysWhatToDo() {
        record Case(MockResponse answer, Kind kind, String words) { }
        List<Case> cases = List.of(
                new Case(problem(400, "problem-400.json"), Kind.BAD_REQUEST, "exactly one of gpu or cpu is required"),
                new Case(problem(401, "problem-401.json"), Kind.UNAUTHORIZED, "refused the API key"),
                new Case(problem(403, "problem-403.json"), Kind.FORBIDDEN, "read-only or restricted"),
                new Case(problem(404, "problem-404.json"), Kind.ENDPOINT_NOT_FOUND, "does not know endpoint x"),
                new Case(problem(422, "problem-422.json"), Kind.BAD_REQUEST,
                        "$: additional properties 'bogus' not allowed; $.gpu.minCudaVersion"),
                new Case(json(400, rest("v1-error.json")), Kind.BAD_REQUEST, "templateId is required"),
                new Case(new MockResponse.Builder().code(405).build(), Kind.BAD_REQUEST, "HTTP 405"));
        for (Case c : cases) {
            server.enqueue(c.answer());
            var e = catchThrowableOfType(RunpodException.class, () -> account.endpoint("x"));
            assertThat(e.kind()).as(c.words()).isEqualTo(c.kind());
            assertThat(e.getMessage()).as(c.kind().name()).contains(c.words());
        }
        assertThat(server.getRequestCount()).as("no refusal is asked again").isEqualTo(cases.size());
    }

    @Test
    void aRateLimitWaitsForTheLongestSpentWindowAndALongWaitGoesToTheCaller() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/problem+json")
                .addHeader("RateLimit", "\"minute\";r=0;t=12, \"hour\";r=0;t=20, \"day\";r=49500;t=45012")
                .body(rest("problem-429.json")).build());
        server.enqueue(json(200, rest("endpoints.json")));
        assertThat(account.endpoints()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(20));

        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "300").build());
        var e = catchThrowableOfType(RunpodException.class, () -> account.endpoints());
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(300));
        assertThat(e.getMessage()).contains("300 s");
        assertThat(ProblemErrors.rateLimitReset("\"minute\";r=3;t=12")).as("nothing spent").isNull();
    }

    @Test
    void aServerErrorToAReadIsTriedAgainAndAnErrorPageIsSaidToBeOne() {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(200, rest("endpoint.json")));
        assertThat(account.endpoint("4m7x2k9q").name()).isEqualTo("image-generator");
        assertThat(sleeps).hasSize(1);

        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                    .body("<html><body>Bad gateway</body></html>").build());
        }
        var e = catchThrowableOfType(RunpodException.class, () -> account.endpoint("4m7x2k9q"));
        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.getMessage()).contains("error page");

        server.enqueue(json(200, "<html>not json</html>"));
        server.enqueue(json(200, "<html>not json</html>"));
        server.enqueue(json(200, "<html>not json</html>"));
        assertThat(catchThrowableOfType(RunpodException.class, () -> account.endpoints()).kind())
                .isEqualTo(Kind.BAD_RESPONSE);
    }

    @Test
    void theKeyEchoedBackIsInNoSentenceNoDetailAndNoAnswer() {
        server.enqueue(json(422, "{\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"x\","
                + "\"errors\":[\"$.env.TOKEN: '" + KEY + "' not allowed\"]}"));
        var e = catchThrowableOfType(RunpodException.class, () -> account.create(draft()));
        assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]");
        assertThat(e.detail()).doesNotContain(KEY);
        assertThat(e.toString()).doesNotContain(KEY);

        server.enqueue(json(200, rest("endpoint.json").replace("\"INFO\"", "\"" + KEY + "\"")));
        assertThat(account.endpoint("4m7x2k9q").env().get("COMFY_LOG_LEVEL")).isEqualTo("[redacted]");
    }

    @Test
    void theKeyNeverGoesOverPlainHttpToAnotherMachine() {
        assertThatThrownBy(() -> new OkHttpRunpodAccount(AccountConfig.of(URI.create("http://api.runpod.io/v2"), KEY)))
                .isInstanceOf(RunpodException.class)
                .satisfies(t -> assertThat(((RunpodException) t).kind()).isEqualTo(Kind.INSECURE_URL));
        assertThat(AccountConfig.of(URI.create("https://api.runpod.io/v2/"), KEY).toString())
                .doesNotContain(KEY).contains("https://api.runpod.io/v2,");
    }
}
