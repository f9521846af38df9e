package dev.easel.api;

import dev.easel.testing.Fixtures;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static dev.easel.api.RunpodException.Kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OkHttpRunpodClientIT {

    private static final String KEY = "rpa_TESTKEY1234567890SECRET";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<Duration> sleeps = new ArrayList<>();
    private OkHttpRunpodClient client;

    @BeforeEach
    void setUp() {
        client = clientFor(RetryPolicy.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private OkHttpRunpodClient clientFor(RetryPolicy retry) {
        URI base = server.url("/v2").uri();
        RunpodConfig config = RunpodConfig.of(base, "ep123", KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withRetry(retry);
        return new OkHttpRunpodClient(config, sleeps::add, new SplittableRandom(1));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse fixture(String name) {
        return json(200, Fixtures.runpod(name));
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    // ---- every operation and fixture ----------------------------------------------------------------

    @Test
    void runPostsTheInputWithBearerKeyAndReadsTheId() throws Exception {
        server.enqueue(fixture("run-accepted"));
        JobRef ref = client.run(Fixtures.tutorialInput(), RunPolicy.DEFAULT);
        assertThat(ref.id()).isEqualTo("c80ffee4-f315-4e25-a146-0f3d98cf024b-e1");
        assertThat(ref.state()).isEqualTo(JobState.IN_QUEUE);
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/ep123/run");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        var sent = Fixtures.JSON.readTree(r.getBody().utf8());
        assertThat(sent.get("input")).isEqualTo(Fixtures.tutorialInput());
        assertThat(sent.has("policy")).isFalse();
    }

    @Test
    void runSendsThePolicyWhenGiven() throws Exception {
        server.enqueue(fixture("run-accepted"));
        client.run(Fixtures.tutorialInput(), new RunPolicy(Duration.ofMinutes(2), Duration.ofHours(1), true));
        var sent = Fixtures.JSON.readTree(take().getBody().utf8());
        assertThat(sent.at("/policy/executionTimeout").asLong()).isEqualTo(120_000);
        assertThat(sent.at("/policy/ttl").asLong()).isEqualTo(3_600_000);
        assertThat(sent.at("/policy/lowPriority").asBoolean()).isTrue();
    }

    @Test
    void statusParsesEveryFixture() {
        for (String f : List.of("status-in-queue", "status-in-progress", "status-in-progress-with-progress",
                "status-completed-base64", "status-completed-s3-with-errors", "status-completed-no-images",
                "status-completed-missing-output", "status-completed-legacy-message",
                "status-completed-legacy-data-uri", "status-completed-legacy-error", "status-failed-validation",
                "status-failed-exception", "status-cancelled", "status-timed-out")) {
            server.enqueue(fixture(f));
            StatusResponse s = client.status("c80ffee4-f315-4e25-a146-0f3d98cf024b-e1");
            assertThat(s.state()).as(f).isNotEqualTo(JobState.UNKNOWN);
            assertThat(s.raw()).as(f).isEqualTo(Fixtures.json("runpod/" + f + ".json"));
        }
    }

    @Test
    void statusUsesGetOnTheJobPath() throws Exception {
        server.enqueue(fixture("status-in-queue"));
        client.status("job-1");
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/ep123/status/job-1");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void cancelRetryPurgeAndHealth() throws Exception {
        server.enqueue(fixture("cancel"));
        assertThat(client.cancel("j").state()).isEqualTo(JobState.CANCELLED);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/ep123/cancel/j");

        server.enqueue(fixture("retry"));
        assertThat(client.retry("j").state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/ep123/retry/j");

        server.enqueue(fixture("purge-queue"));
        assertThat(client.purgeQueue().removed()).isEqualTo(2);
        RecordedRequest purge = take();
        assertThat(purge.getMethod()).isEqualTo("POST");
        assertThat(purge.getUrl().encodedPath()).isEqualTo("/v2/ep123/purge-queue");

        server.enqueue(fixture("health"));
        HealthResponse h = client.health();
        assertThat(h.inQueue()).isEqualTo(2);
        assertThat(h.coldStart()).isFalse();
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/ep123/health");
    }

    @Test
    void runSyncReturnsATerminalAnswerDirectly() throws Exception {
        server.enqueue(fixture("status-completed-legacy-message"));
        StatusResponse s = client.runSync(Fixtures.tutorialInput(), RunPolicy.DEFAULT, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofMinutes(5));
        assertThat(s.state()).isEqualTo(JobState.COMPLETED);
        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v2/ep123/runsync");
        assertThat(r.getUrl().queryParameter("wait")).isEqualTo("30000");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runSyncFallsBackToPollingWhenNotDone() throws Exception {
        server.enqueue(json(200, "{\"id\":\"sync-abc-e1\",\"status\":\"IN_PROGRESS\"}"));
        server.enqueue(fixture("status-in-progress"));
        server.enqueue(fixture("status-completed-base64"));
        StatusResponse s = client.runSync(Fixtures.tutorialInput(), RunPolicy.DEFAULT, Duration.ofMinutes(10),
                Duration.ofMillis(700), Duration.ofMinutes(5));
        assertThat(s.state()).isEqualTo(JobState.COMPLETED);
        assertThat(take().getUrl().queryParameter("wait")).as("clamped like the SDKs").isEqualTo("90000");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/ep123/status/sync-abc-e1");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v2/ep123/status/sync-abc-e1");
        assertThat(sleeps).containsExactly(Duration.ofMillis(700), Duration.ofMillis(700));
    }

    // ---- errors ---------------------------------------------------------------------------------------

    @Test
    void wrongKeyIs401WithAPointerToSettingsAndNoKeyInTheText() {
        server.enqueue(json(401, "{\"error\":\"Unauthorized: bad key " + KEY + "\"}"));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("401").contains("Settings");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage() + e.detail() + e).doesNotContain(KEY).doesNotContain("TESTKEY");
        assertThat(server.getRequestCount()).as("401 is not retried").isEqualTo(1);
    }

    @Test
    void notFoundOnAJobMeansExpiredOrUnknownJob() {
        server.enqueue(json(404, "{\"error\":\"request does not exist\"}"));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("gone"));
        assertThat(e.kind()).isEqualTo(Kind.JOB_NOT_FOUND);
        assertThat(e.getMessage()).contains("30 minutes");
    }

    @Test
    void notFoundOnAnEndpointCallMeansUnknownEndpoint() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.health());
        assertThat(e.kind()).isEqualTo(Kind.ENDPOINT_NOT_FOUND);
        assertThat(e.getMessage()).contains("ep123").contains("endpoint id");
    }

    @Test
    void notFoundOnAJobCallThatNamesTheEndpointIsAnEndpointProblem() {
        server.enqueue(json(404, "{\"error\":\"endpoint not found\"}"));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.ENDPOINT_NOT_FOUND);
    }

    @Test
    void badRequestCarriesTheServersWords() {
        server.enqueue(json(400, "{\"error\":\"job is COMPLETED; only FAILED or TIMED_OUT jobs can be retried\"}"));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.retry("j"));
        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(e.getMessage()).contains("only FAILED or TIMED_OUT");
    }

    @Test
    void forbiddenAndTooLarge() {
        server.enqueue(json(403, "{}"));
        assertThat(catchThrowableOfType(RunpodException.class, () -> client.health()).kind())
                .isEqualTo(Kind.FORBIDDEN);
        server.enqueue(json(413, "{}"));
        assertThat(catchThrowableOfType(RunpodException.class,
                () -> client.run(Fixtures.tutorialInput(), RunPolicy.DEFAULT)).kind())
                .isEqualTo(Kind.REQUEST_TOO_LARGE);
    }

    @Test
    void rateLimitIsRetriedAfterTheServersRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
        server.enqueue(fixture("status-in-queue"));
        assertThat(client.status("j").state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanTheClientWaitsGoesToTheCaller() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(e.getMessage()).contains("120 s");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitterAndGiveUp() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{}"));
        }
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        // equal jitter: each wait lies in [half, full] of 500 ms · 2^(n-1), capped at 4 s
        long[] caps = {500, 1000};
        for (int i = 0; i < 2; i++) {
            assertThat(sleeps.get(i).toMillis()).isBetween(caps[i] / 2, caps[i]);
        }
    }

    @Test
    void anHtmlErrorPageIsRecognised() {
        client.close();
        client = clientFor(RetryPolicy.NONE);
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>").build());
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.health());
        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.getMessage()).contains("error page");
        assertThat(e.detail()).contains("502 Bad Gateway");
    }

    @Test
    void a200WithHtmlOrBrokenJsonIsABadResponseThatIsRetriedForStatus() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html><body>maintenance</body></html>").build());
        server.enqueue(json(200, "{\"id\":\"j\",\"status\":\"COMPL"));
        server.enqueue(fixture("status-in-queue"));
        assertThat(client.status("j").state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void badResponseMessageWhenRetriesRunOut() {
        client.close();
        client = clientFor(RetryPolicy.NONE);
        server.enqueue(new MockResponse.Builder().code(200).body("<!doctype html><p>oops</p>").build());
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("web page");
    }

    @Test
    void aTimeoutIsTypedAndRetried() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        server.enqueue(fixture("status-in-queue"));
        assertThat(client.status("j").state()).isEqualTo(JobState.IN_QUEUE);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aTimeoutOnStatusWhenRetriesRunOut() {
        client.close();
        client = clientFor(RetryPolicy.NONE);
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer in time");
    }

    @Test
    void noNetworkIsTyped() throws Exception {
        int port = server.getPort();
        server.close();
        client.close();
        RunpodConfig config = RunpodConfig.of(URI.create("http://127.0.0.1:" + port + "/v2"), "ep", KEY)
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO));
        client = new OkHttpRunpodClient(config, sleeps::add, new SplittableRandom(1));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.health());
        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.getMessage()).contains("Can't connect to 127.0.0.1");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void runIsResentWhenTheConnectionSurelyFailedButNotAfterItMayHaveArrived() throws Exception {
        // 429: the request was refused before it created a job: safe to send again
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(fixture("run-accepted"));
        assertThat(client.run(Fixtures.tutorialInput(), RunPolicy.DEFAULT).id()).isNotBlank();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop", "500", "truncated"})
    void runThatMayHaveReachedTheServerIsNotResent(String how) {
        MockResponse response = switch (how) {
            case "drop" -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            case "500" -> json(500, "{\"error\":\"internal\"}");
            default -> json(200, "{\"id\":\"ab"); // cut inside the id
        };
        server.enqueue(response);
        server.enqueue(fixture("run-accepted"));
        RunpodException e = catchThrowableOfType(RunpodException.class,
                () -> client.run(Fixtures.tutorialInput(), RunPolicy.DEFAULT));
        assertThat(e.kind()).isEqualTo(Kind.SUBMISSION_UNKNOWN);
        assertThat(e.getMessage()).contains("may or may not have been created").contains("duplicate");
        assertThat(server.getRequestCount()).as("never sent twice").isEqualTo(1);
    }

    @Test
    void aRunAnswerCutShortAfterItsIdGivesThatIdAndIsNotResent() {
        server.enqueue(json(200, "{\"id\":\"abc-e1\",\"sta"));
        server.enqueue(fixture("run-accepted"));
        JobRef ref = client.run(Fixtures.tutorialInput(), RunPolicy.DEFAULT);
        assertThat(ref.id()).isEqualTo("abc-e1");
        assertThat(ref.state()).isEqualTo(JobState.UNKNOWN);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void cancelIsRetriedOnADroppedConnection() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(fixture("cancel"));
        assertThat(client.cancel("j").state()).isEqualTo(JobState.CANCELLED);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void oversizeRequestsAreRefusedBeforeSending() {
        var input = Fixtures.tutorialInput();
        input.putArray("images").addObject().put("name", "big.png").put("image", "A".repeat(10_500_000));
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.run(input, RunPolicy.DEFAULT));
        assertThat(e.kind()).isEqualTo(Kind.REQUEST_TOO_LARGE);
        assertThat(e.getMessage()).contains("10 MB").contains("/run").contains("10.5 MB");
        assertThat(server.getRequestCount()).isZero();

        // the same body fits the 20 MB of /runsync
        server.enqueue(fixture("status-completed-base64"));
        assertThat(client.runSync(input, RunPolicy.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(5)).state()).isEqualTo(JobState.COMPLETED);
        input.withArray("images").addObject().put("name", "b2.png").put("image", "A".repeat(10_000_000));
        assertThat(catchThrowableOfType(RunpodException.class, () -> client.runSync(input, RunPolicy.DEFAULT,
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5))).getMessage()).contains("20 MB");
    }

    // ---- the key ------------------------------------------------------------------------------------

    @Test
    void theKeyIsNeverSentOverPlainHttpToAnotherHost() {
        RunpodConfig config = RunpodConfig.of(URI.create("http://api.runpod.ai/v2"), "ep", KEY);
        assertThatThrownBy(() -> new OkHttpRunpodClient(config))
                .isInstanceOfSatisfying(RunpodException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INSECURE_URL))
                .hasMessageContaining("https");
        assertThat(PlainHttp.isLoopback("localhost")).isTrue();
        assertThat(PlainHttp.isLoopback("127.0.0.1")).isTrue();
        assertThat(PlainHttp.isLoopback("::1")).isTrue();
        assertThat(PlainHttp.isLoopback("10.0.0.1")).isFalse();
        assertThat(PlainHttp.isLoopback("example.com")).isFalse();
    }

    @Test
    void plainHttpGoesOnlyToAddressesOfThisMachineAsTheNameResolves() throws Exception {
        Dns pointsAway = host -> List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7}));
        Dns pointsHere = host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}),
                InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7}));
        assertThatThrownBy(() -> PlainHttp.loopbackOnly(pointsAway).lookup("test.localhost"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("test.localhost is not this machine (it resolves to [10.0.0.7])");
        assertThat(PlainHttp.loopbackOnly(pointsHere).lookup("test.localhost"))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(PlainHttp.isLoopback("127.example.com")).isFalse();
    }

    @Test
    void imageDownloadsNeverCarryTheKey() throws Exception {
        byte[] png = Fixtures.bytes("tiny-64x64.png");
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(png)).build());
        byte[] got = client.download(server.url("/bucket/a.png?X-Amz-Signature=abc").uri());
        assertThat(got).isEqualTo(png);
        RecordedRequest r = take();
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(r.getHeaders().toString()).doesNotContain(KEY);
    }

    @Test
    void anExpiredImageLinkIsExplained() {
        server.enqueue(new MockResponse.Builder().code(403).body("<Error><Code>AccessDenied</Code></Error>").build());
        RunpodException e = catchThrowableOfType(RunpodException.class,
                () -> client.download(server.url("/bucket/a.png").uri()));
        assertThat(e.getMessage()).contains("expired");
    }

    @Test
    void aKeysLettersInsideAnImagesBase64LeaveThePictureWhole() throws Exception {
        // a picture's base64 may hold any run of letters, the key's among them: the demo's key is "demo", and a
        // real key could be anything; scrubbing the key from the answer must never touch the pixels
        byte[] png = Fixtures.bytes("tiny-64x64.png");
        String base64 = Base64.getEncoder().encodeToString(png);
        String key = base64.substring(40, 72); // the key is exactly some of the picture's own letters
        try (OkHttpRunpodClient c = new OkHttpRunpodClient(RunpodConfig.of(server.url("/v2").uri(), "ep123", key)
                .withRetry(RetryPolicy.NONE))) {
            server.enqueue(json(200, "{\"id\":\"j\",\"status\":\"COMPLETED\",\"output\":{\"images\":[{\"filename\":"
                    + "\"ComfyUI_00001_.png\",\"type\":\"base64\",\"data\":\"" + base64 + "\"}],"
                    + "\"note\":\"echoed " + key + "\"}}"));
            StatusResponse s = c.status("j");
            OutputImage image = s.images().orElseThrow().images().getFirst();
            assertThat(image.decode()).as("the picture, byte for byte").isEqualTo(png);
            assertThat(s.raw().toString()).as("the echo elsewhere is still removed").contains("echoed [redacted]");
        }
    }

    @Test
    void configToStringHidesTheKey() {
        RunpodConfig config = RunpodConfig.of(URI.create("https://api.runpod.ai/v2"), "ep", KEY);
        assertThat(config.toString()).doesNotContain(KEY).contains("(set)");
        assertThat(Redaction.redact("Authorization: Bearer " + KEY, null)).doesNotContain(KEY);
        assertThat(Redaction.redact("key=" + KEY, null)).isEqualTo("key=[redacted]");
    }

    @Test
    void anEndpointIdThatIsNotAnIdIsRefused() {
        assertThatThrownBy(() -> RunpodConfig.of(URI.create("https://api.runpod.ai/v2"), "../x", KEY))
                .hasMessageContaining("endpoint id");
    }

    @Test
    void retryAfterAsHttpDate() {
        String in10s = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration d = HttpErrors.parseRetryAfter(in10s);
        assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(HttpErrors.parseRetryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpErrors.parseRetryAfter("soon")).isNull();
    }

    @Test
    void aStatusWhoseImageIsOver20MillionCharactersIsDecodedToAFileNotAString(@TempDir Path spill) throws Exception {
        // a PNG over 15 MB is a base64 string over Jackson's default limit of 20,000,000 characters
        byte[] image = new byte[18_750_000]; // 25,000,000 base64 characters
        new SplittableRandom(7).nextBytes(image);
        String data = Base64.getEncoder().encodeToString(image);
        server.enqueue(json(200, "{\"id\":\"j\",\"status\":\"COMPLETED\",\"output\":{\"images\":[{\"filename\":"
                + "\"a.png\",\"type\":\"base64\",\"data\":\"" + data + "\"}]}}"));
        client.spillTo(spill);
        StatusResponse s = client.status("j");
        OutputImage img = s.images().orElseThrow().images().getFirst();
        assertThat(img.data()).isEmpty();
        assertThat(img.decoded()).hasParent(spill);
        assertThat(img.decode()).isEqualTo(image);
        assertThat(s.raw().toString()).contains("18750000 bytes of image data").hasSizeLessThan(500);
        try (var left = Files.list(spill)) {
            assertThat(left).as("the answer's own file is gone, the image waits").containsExactly(img.decoded());
        }
        s.discard();
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aLargeAnswerThatIsCutShortLeavesNoFilesBehind(@TempDir Path spill) throws Exception {
        String data = "QUJD".repeat(1_000_000);
        for (int i = 0; i < RetryPolicy.DEFAULT.maxAttempts(); i++) { // a broken answer is asked again
            server.enqueue(json(200, "{\"id\":\"j\",\"status\":\"COMPLETED\",\"output\":{\"images\":[{\"data\":\""
                    + data));
        }
        client.spillTo(spill);
        RunpodException e = catchThrowableOfType(RunpodException.class, () -> client.status("j"));
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEndlessDownloadWithoutALengthIsCutOff() {
        client.downloadLimit = 1_000_000;
        var body = new okio.Buffer().write(new byte[3_000_000]);
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(body, 64 * 1024).build());
        RunpodException e = catchThrowableOfType(RunpodException.class,
                () -> client.download(server.url("/bucket/endless.png").uri()));
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("larger than 1 MB");
    }
}
