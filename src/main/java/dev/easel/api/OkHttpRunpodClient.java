package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Text;
import dev.easel.workflow.WorkflowJson;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.easel.api.RunpodException.Kind;

/**
 * {@link RunpodClient} over OkHttp and Jackson: one attempt loop per call, repeating only what is safe to repeat (a
 * /run only when it surely never left). Answers are read by {@link AnswerReader}, failures typed by {@link HttpErrors}.
 */
public final class OkHttpRunpodClient implements RunpodClient {

    private static final Logger log = LoggerFactory.getLogger(OkHttpRunpodClient.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final long MAX_DOWNLOAD_BYTES = 256L * 1024 * 1024;
    /** The largest API answer read: a /status body with its images inline (Runpod delivers about 20 MB at most). */
    private static final long MAX_ANSWER_BYTES = 300L * 1024 * 1024;
    /** The longest one API call may take, however the server trickles its answer. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** The longest one image download may take. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_RUNSYNC_WAIT_MS = 90_000;

    /** How a call may be repeated. */
    private enum Mode {
        /** status, health, cancel, downloads: safe to repeat. */
        IDEMPOTENT,
        /** run, runsync: repeat only when the request surely never reached the server. */
        SUBMIT,
        /** retry, purge-queue: once. */
        ONCE
    }

    /** A job id in an answer cut short: {@code "id": "…"} with its closing quote. */
    private static final Pattern CUT_ANSWER_ID =
            Pattern.compile("^\\s*\\{\\s*\"id\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,200})\"");

    private final RunpodConfig config;
    private final OkHttpClient http;
    private OkHttpClient downloads;
    private final ObjectMapper mapper = new ObjectMapper(WorkflowJson.factory());
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpUrl endpointUrl;
    /** The download limit; tests lower it. */
    long downloadLimit = MAX_DOWNLOAD_BYTES;
    private final AnswerReader reader;
    private final HttpErrors errors;

    public OkHttpRunpodClient(RunpodConfig config) {
        this(config, Sleeper.REAL, RandomGenerator.getDefault());
    }

    /** For tests: a sleeper that records waits and a seeded random make retries deterministic. */
    public OkHttpRunpodClient(RunpodConfig config, Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config);
        Redaction.remember(config.apiKey()); // from now on, no text Easel writes can hold it
        this.sleeper = sleeper;
        this.random = random;
        this.reader = new AnswerReader(mapper, config.apiKey());
        this.errors = new HttpErrors(config, reader);
        HttpUrl base = HttpUrl.parse(config.baseUrl().toString());
        if (base == null) {
            throw new RunpodException(Kind.BAD_REQUEST, Text.of("api.badBaseUrl", config.baseUrl()), "");
        }
        PlainHttp.checkSecureTransport(base, config.apiKey());
        this.endpointUrl = base.newBuilder().addPathSegment(config.endpointId()).build();
        this.http = PlainHttp.client(base, config.connectTimeout(), config.readTimeout(), CALL_TIMEOUT).build();
    }

    /** The client for image links (S3 output): made on first use, with TLS whatever the endpoint's scheme. */
    private OkHttpClient downloads() {
        synchronized (this) {
            if (downloads == null) {
                downloads = http.newBuilder()
                        .dns(Dns.SYSTEM) // image links carry no key: wherever they point
                        .callTimeout(DOWNLOAD_TIMEOUT)
                        .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                        .followRedirects(true).followSslRedirects(true).build();
            }
            return downloads;
        }
    }

    @Override
    public String endpointId() {
        return config.endpointId();
    }

    // ---- operations --------------------------------------------------------------------------------

    @Override
    public JobRef run(JsonNode input, RunPolicy policy) {
        byte[] body = requestBody(input, policy, RUN_LIMIT_BYTES, "/run");
        Request request = post(url("run"), body);
        JsonNode answer = call(request, Mode.SUBMIT, HttpErrors.Scope.ENDPOINT, http);
        return jobRef(answer, true);
    }

    @Override
    public StatusResponse runSync(JsonNode input, RunPolicy policy, Duration wait, Duration pollInterval,
                                  Duration deadline) {
        long waitMs = Math.clamp(wait.toMillis(), 1000, MAX_RUNSYNC_WAIT_MS);
        byte[] body = requestBody(input, policy, RUNSYNC_LIMIT_BYTES, "/runsync");
        HttpUrl url = url("runsync").newBuilder().addQueryParameter("wait", Long.toString(waitMs)).build();
        OkHttpClient patient = http.newBuilder().readTimeout(config.readTimeout().plusMillis(waitMs))
                .callTimeout(CALL_TIMEOUT.plusMillis(waitMs)).build();
        long end = System.nanoTime() + deadline.toNanos();
        JsonNode answer = call(post(url, body), Mode.SUBMIT, HttpErrors.Scope.ENDPOINT, patient);
        StatusResponse status = StatusResponse.parse(answer);
        if (status.id() == null) {
            throw HttpErrors.unknownSubmission(new RunpodException(Kind.BAD_RESPONSE, Text.of("api.answer.noJobId"),
                    HttpErrors.abbreviate(answer.toString())));
        }
        String id = status.id();
        while (!status.state().isTerminal() && System.nanoTime() < end) {
            pause(pollInterval);
            status = status(id);
        }
        return status;
    }

    @Override
    public StatusResponse status(String jobId) {
        Request request = new Request.Builder().url(url("status", jobId)).get().headers(auth()).build();
        return StatusResponse.parse(call(request, Mode.IDEMPOTENT, HttpErrors.Scope.JOB, http));
    }

    @Override
    public JobRef cancel(String jobId) {
        return jobRef(call(post(url("cancel", jobId), new byte[0]), Mode.IDEMPOTENT, HttpErrors.Scope.JOB, http), false);
    }

    @Override
    public JobRef retry(String jobId) {
        return jobRef(call(post(url("retry", jobId), new byte[0]), Mode.ONCE, HttpErrors.Scope.JOB, http), false);
    }

    @Override
    public PurgeResponse purgeQueue() {
        JsonNode answer = call(post(url("purge-queue"), new byte[0]), Mode.ONCE, HttpErrors.Scope.ENDPOINT, http);
        return new PurgeResponse(answer.path("removed").asInt(0), answer.path("status").asText(""));
    }

    @Override
    public HealthResponse health() {
        Request request = new Request.Builder().url(url("health")).get().headers(auth()).build();
        return HealthResponse.parse(call(request, Mode.IDEMPOTENT, HttpErrors.Scope.ENDPOINT, http));
    }

    @Override
    public byte[] download(URI uri) {
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw new RunpodException(Kind.BAD_RESPONSE, Text.of("api.image.badLink"),
                    HttpErrors.abbreviate(uri.toString()));
        }
        if (!url.isHttps() && !PlainHttp.isLoopback(url.host())) {
            throw new RunpodException(Kind.INSECURE_URL, Text.of("api.image.plainHttp"), url.host());
        }
        // Deliberately a request without the Authorization header: presigned links need no key.
        Request request = new Request.Builder().url(url).get().build();
        for (int attempt = 1; ; attempt++) {
            RunpodException failure;
            try (Response response = downloads().newCall(request).execute()) {
                if (response.isSuccessful()) {
                    long length = response.body().contentLength();
                    if (length > downloadLimit) {
                        throw new RunpodException(Kind.BAD_RESPONSE, Text.of("api.image.tooLarge", length / 1_000_000),
                                url.host());
                    }
                    return AnswerReader.readBounded(response, downloadLimit,
                            Text.of("api.image.overLimit", downloadLimit / 1_000_000));
                }
                byte[] body = AnswerReader.readBounded(response, 64 * 1024, null);
                if (response.code() == 403 || response.code() == 404) {
                    throw new RunpodException(Kind.JOB_NOT_FOUND, Text.of("api.image.expired", response.code()),
                            "GET " + url.host() + url.encodedPath() + " -> " + response.code() + " " + errors.excerpt(body),
                            response.code(), null, null);
                }
                failure = errors.httpError(response, body, HttpErrors.Scope.JOB, "GET " + url.host() + url.encodedPath());
            } catch (IOException e) {
                failure = errors.ioError(e, url);
            }
            backOffOrThrow(failure, attempt, Mode.IDEMPOTENT);
        }
    }

    /**
     * Puts large answers and the images decoded from them in {@code dir} (created when needed) instead of the
     * system's temporary folder, which may be memory on some systems.
     */
    public OkHttpRunpodClient spillTo(Path dir) {
        reader.spillTo(dir);
        return this;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private byte[] requestBody(JsonNode input, RunPolicy policy, long limit, String op) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("input must be a JSON object");
        }
        ObjectNode root = mapper.createObjectNode();
        root.set("input", input);
        if (policy != null && !policy.isDefault()) {
            ObjectNode p = root.putObject("policy");
            if (policy.executionTimeout() != null) {
                p.put("executionTimeout", policy.executionTimeout().toMillis());
            }
            if (policy.lowPriority() != null) {
                p.put("lowPriority", policy.lowPriority());
            }
            if (policy.ttl() != null) {
                p.put("ttl", policy.ttl().toMillis());
            }
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (body.length > limit) {
            throw new RunpodException(Kind.REQUEST_TOO_LARGE, Text.of("api.requestTooLarge", body.length / 1e6,
                    limit / 1_000_000, op), "request body " + body.length + " bytes");
        }
        return body;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder b = endpointUrl.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    private Headers auth() {
        Headers.Builder h = new Headers.Builder().add("Accept", "application/json");
        if (config.apiKey() != null && !config.apiKey().isEmpty()) {
            h.add("Authorization", "Bearer " + config.apiKey());
        }
        return h.build();
    }

    private Request post(HttpUrl url, byte[] body) {
        return new Request.Builder().url(url).headers(auth()).post(RequestBody.create(body, JSON_TYPE)).build();
    }

    private JobRef jobRef(JsonNode answer, boolean submission) {
        String id = answer.path("id").asText(null);
        if (id == null || id.isBlank()) {
            RunpodException e = new RunpodException(Kind.BAD_RESPONSE, Text.of("api.answer.noJobId"),
                    HttpErrors.abbreviate(answer.toString()));
            throw submission ? HttpErrors.unknownSubmission(e) : e;
        }
        return new JobRef(id, JobState.parse(answer.path("status").asText(null)));
    }

    private JsonNode call(Request request, Mode mode, HttpErrors.Scope scope, OkHttpClient client) {
        String what = request.method() + " " + request.url().encodedPath();
        for (int attempt = 1; ; attempt++) {
            RunpodException failure;
            long start = System.nanoTime();
            Path spooled = null;
            try (Response response = client.newCall(request).execute()) {
                byte[] body;
                if (response.isSuccessful()) {
                    // a big answer (images inline) goes to a file and is read from there, its images decoded
                    // straight to files: never an 80 MB byte array plus 80 MB of strings on the heap
                    AnswerReader.Spooled answer = reader.readSpooled(response, MAX_ANSWER_BYTES,
                            Text.of("api.answer.tooLarge", MAX_ANSWER_BYTES / 1_000_000));
                    body = answer.head();
                    spooled = answer.file();
                } else {
                    body = AnswerReader.readBounded(response, 1024 * 1024, null); // an error page: its start is enough
                }
                if (log.isDebugEnabled()) {
                    log.debug("{} -> {} ({} bytes, {} ms)", what, response.code(), spooled == null ? body.length
                            : Files.size(spooled), (System.nanoTime() - start) / 1_000_000);
                }
                if (response.isSuccessful()) {
                    JsonNode json = spooled == null ? reader.parseJson(body) : reader.parseJson(spooled);
                    if (json != null) {
                        // a server that echoes the key (in an error, say) must not hand it on to the journal
                        return spooled == null && !reader.mayHoldKey(body) ? json : reader.scrub(json);
                    }
                    if (mode == Mode.SUBMIT) {
                        // a cut answer that still holds the whole id: the job was created, and this is it
                        Matcher id = CUT_ANSWER_ID.matcher(new String(body, StandardCharsets.UTF_8));
                        if (id.find()) {
                            log.info("{}: the answer was cut short, but its job id {} is whole", what, id.group(1));
                            return mapper.createObjectNode().put("id", id.group(1));
                        }
                    }
                    failure = new RunpodException(Kind.BAD_RESPONSE, HttpErrors.notJsonMessage(body),
                            what + " -> " + response.code() + " " + errors.excerpt(body), response.code(), null, null);
                } else {
                    failure = errors.httpError(response, body, scope, what);
                }
                if (mode == Mode.SUBMIT && (failure.kind() == Kind.SERVER_ERROR || failure.kind() == Kind.BAD_RESPONSE)) {
                    failure = HttpErrors.unknownSubmission(failure);
                }
            } catch (IOException e) {
                failure = errors.ioError(e, request.url());
                if (mode == Mode.SUBMIT && !HttpErrors.surelyNotSent(e) && failure.kind() != Kind.INTERRUPTED) {
                    failure = HttpErrors.unknownSubmission(failure);
                }
                log.debug("{} failed: {}", what, failure.detail());
            } finally {
                AnswerReader.deleteQuietly(spooled);
            }
            backOffOrThrow(failure, attempt, mode);
        }
    }

    /** Returns when another attempt should be made, after waiting; throws {@code failure} otherwise. */
    private void backOffOrThrow(RunpodException failure, int attempt, Mode mode) {
        boolean again = mode != Mode.ONCE && attempt < config.retry().maxAttempts() && failure.kind().isTransient()
                && !(failure.getCause() instanceof AnswerReader.TooLarge); // the same answer would come again
        if (!again) {
            throw failure;
        }
        Duration wait = failure.retryAfter().orElse(null);
        if (wait != null && wait.compareTo(config.retry().maxRetryAfter()) > 0) {
            throw failure; // a long server-requested pause is for the caller to schedule
        }
        if (wait == null) {
            wait = config.retry().backoff(attempt, random);
        }
        log.info("{} (attempt {} of {}); trying again in {} ms", failure.getMessage(), attempt,
                config.retry().maxAttempts(), wait.toMillis());
        pause(wait);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunpodException(Kind.INTERRUPTED, Text.of("api.stopped"), "interrupted while waiting");
        }
    }
}
