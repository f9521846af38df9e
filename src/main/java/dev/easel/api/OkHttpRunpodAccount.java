package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.text.Text;
import dev.easel.workflow.WorkflowJson;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import static dev.easel.api.RunpodException.Kind;

/**
 * {@link RunpodAccount} over OkHttp and Jackson: https only (plain http to this machine alone), no redirects, no
 * silent resends; reads are retried on transient faults, a create only when it surely never left. Refusals become
 * typed errors by {@link ProblemErrors}, and the key is scrubbed from whatever comes back.
 */
public final class OkHttpRunpodAccount implements RunpodAccount {

    private static final Logger log = LoggerFactory.getLogger(OkHttpRunpodAccount.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** The largest management answer read (a long endpoint list is a few hundred kB). */
    private static final long MAX_ANSWER_BYTES = 16L * 1024 * 1024;
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(1);

    /** How a call may be repeated. */
    private enum Mode {
        /** GET, PATCH with absolute values: the same again does no harm. */
        REPEATABLE,
        /** DELETE: repeatable, and a 404 to a repeat means the first went through. */
        DELETE,
        /** POST creating something: again only when the first surely never reached the server. */
        CREATE
    }

    private final AccountConfig config;
    private final OkHttpClient http;
    private final OkHttpClient streams;
    private final ObjectMapper mapper = new ObjectMapper(WorkflowJson.factory());
    private final HttpUrl base;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AnswerReader reader;
    private final HttpErrors httpErrors;
    private final ProblemErrors problems;

    public OkHttpRunpodAccount(AccountConfig config) {
        this(config, Sleeper.REAL, RandomGenerator.getDefault());
    }

    /** For tests: a sleeper that records waits and a seeded random make retries deterministic. */
    public OkHttpRunpodAccount(AccountConfig config, Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config);
        Redaction.remember(config.apiKey());
        this.sleeper = sleeper;
        this.random = random;
        this.reader = new AnswerReader(mapper, config.apiKey());
        this.httpErrors = new HttpErrors("", config.apiKey(), config.readTimeout(), reader);
        this.problems = new ProblemErrors(httpErrors, reader, config.apiKey());
        HttpUrl parsed = HttpUrl.parse(config.baseUrl().toString());
        if (parsed == null) {
            throw new RunpodException(Kind.BAD_REQUEST, Text.of("api.badBaseUrl", config.baseUrl()), "");
        }
        PlainHttp.checkSecureTransport(parsed, config.apiKey());
        this.base = parsed;
        this.http = PlainHttp.client(parsed, config.connectTimeout(), config.readTimeout(), CALL_TIMEOUT).build();
        // a log stream stays open as long as the worker writes: no call timeout, and quiet minutes are normal
        this.streams = http.newBuilder().callTimeout(Duration.ZERO).readTimeout(Duration.ofMinutes(5)).build();
    }

    // ---- endpoints ---------------------------------------------------------------------------------

    @Override
    public List<AccountEndpoint> endpoints() {
        JsonNode n = get(url("serverless"), "the endpoint list");
        // {"endpoints": [...]}; REST v1 gave a bare array
        return list(n.isArray() ? n : n.path("endpoints"), AccountEndpoint::from);
    }

    @Override
    public AccountEndpoint endpoint(String id) {
        return endpointFrom(get(url("serverless", id), "endpoint " + id), id);
    }

    @Override
    public AccountEndpoint create(EndpointDraft draft) {
        JsonNode n = call(request(url("serverless"), "POST", draft.toJson()), Mode.CREATE,
                "a new endpoint \u201c" + draft.name() + "\u201d");
        return endpointFrom(n, draft.name());
    }

    @Override
    public AccountEndpoint update(String id, EndpointChange change) {
        if (change.isEmpty()) {
            return endpoint(id);
        }
        return endpointFrom(call(request(url("serverless", id), "PATCH", change.toJson()), Mode.REPEATABLE,
                "endpoint " + id), id);
    }

    @Override
    public void delete(String id) {
        Request request = new Request.Builder().url(url("serverless", id)).delete().headers(auth()).build();
        call(request, Mode.DELETE, "endpoint " + id);
    }

    @Override
    public EndpointWorkers workers(String id) {
        return EndpointWorkers.from(get(url("serverless", id, "workers"), "the workers of endpoint " + id));
    }

    @Override
    public LogStream logs(String endpointId, String workerId, int tail, String lastEventId) {
        HttpUrl.Builder u = url("serverless", endpointId, "workers", workerId, "logs").newBuilder();
        if (lastEventId == null) {
            u.addQueryParameter("tail", Integer.toString(Math.clamp(tail, 0, 5000)));
        }
        Request.Builder r = new Request.Builder().url(u.build()).get().headers(auth()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            r.header("Last-Event-ID", lastEventId);
        }
        Request request = r.build();
        String what = "the log of worker " + workerId;
        Call call = streams.newCall(request);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw httpErrors.ioError(e, request.url());
        }
        if (!response.isSuccessful()) {
            try (response) {
                byte[] body = AnswerReader.readBounded(response, 64 * 1024, null);
                throw problems.of(response, body, what);
            } catch (IOException e) {
                throw httpErrors.ioError(e, request.url());
            }
        }
        return new SseLogStream(call, response, config.apiKey(), e -> httpErrors.ioError(e, request.url()));
    }

    // ---- catalog, billing, volumes -------------------------------------------------------------------

    @Override
    public List<GpuType> gpus() {
        HttpUrl u = url("catalog", "gpus").newBuilder().addQueryParameter("include", "AVAILABILITY")
                .addQueryParameter("product", "SERVERLESS").build();
        return list(get(u, "the GPU catalog").path("gpus"), GpuType::from);
    }

    @Override
    public BillingReport billing(BillingQuery q) {
        HttpUrl.Builder u = url("billing", "serverless").newBuilder().addQueryParameter("bucketSize", q.bucket());
        if (q.lastN() > 0) {
            u.addQueryParameter("lastN", Integer.toString(q.lastN()));
        }
        if (q.start() != null) {
            u.addQueryParameter("startTime", q.start().toString());
        }
        if (q.end() != null) {
            u.addQueryParameter("endTime", q.end().toString());
        }
        if (q.endpointId() != null) {
            u.addQueryParameter("serverlessId", q.endpointId());
        }
        return BillingReport.from(get(u.build(), "the serverless bill"));
    }

    @Override
    public List<NetworkVolume> networkVolumes() {
        JsonNode n = get(url("network-volumes"), "the network volumes");
        return list(n.isArray() ? n : n.path("networkVolumes"), NetworkVolume::from);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private AccountEndpoint endpointFrom(JsonNode n, String what) {
        AccountEndpoint e = AccountEndpoint.from(n);
        if (e == null) {
            throw new RunpodException(Kind.BAD_RESPONSE, Text.of("account.answer.noEndpoint", what),
                    HttpErrors.abbreviate(n.toString()));
        }
        return e;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> read) {
        List<T> out = new ArrayList<>();
        for (JsonNode n : array) {
            T t = read.apply(n);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s); // encoded: ids are opaque, GPU type ids have spaces
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

    private Request request(HttpUrl url, String method, JsonNode body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Request.Builder().url(url).method(method, RequestBody.create(bytes, JSON_TYPE)).headers(auth()).build();
    }

    private JsonNode get(HttpUrl url, String what) {
        return call(new Request.Builder().url(url).get().headers(auth()).build(), Mode.REPEATABLE, what);
    }

    /** One call with its attempts; an empty JSON object for 204. */
    private JsonNode call(Request request, Mode mode, String what) {
        String line = request.method() + " " + request.url().encodedPath();
        for (int attempt = 1; ; attempt++) {
            RunpodException failure;
            try (Response response = http.newCall(request).execute()) {
                byte[] body = AnswerReader.readBounded(response, MAX_ANSWER_BYTES, Text.of("account.answer.tooLarge"));
                if (response.isSuccessful()) {
                    if (response.code() == 204 || body.length == 0) {
                        return mapper.createObjectNode();
                    }
                    JsonNode json = reader.parseJson(body);
                    if (json != null && (json.isObject() || json.isArray())) {
                        return reader.mayHoldKey(body) ? reader.scrub(json) : json;
                    }
                    failure = new RunpodException(Kind.BAD_RESPONSE, HttpErrors.notJsonMessage(body),
                            line + " -> " + response.code() + " " + httpErrors.excerpt(body), response.code(), null, null);
                } else if (mode == Mode.DELETE && attempt > 1 && response.code() == 404) {
                    return mapper.createObjectNode(); // an earlier attempt went through and its answer was lost
                } else {
                    failure = problems.of(response, body, what);
                }
            } catch (IOException e) {
                failure = httpErrors.ioError(e, request.url());
                if (mode == Mode.CREATE && !HttpErrors.surelyNotSent(e)) {
                    throw new RunpodException(Kind.SUBMISSION_UNKNOWN,
                            Text.of("account.createUnknown", failure.text()), failure.detail(), 0, null, e);
                }
            }
            log.debug("{} failed: {}", line, failure.detail());
            boolean again = attempt < config.retry().maxAttempts() && failure.kind().isTransient()
                    && (mode != Mode.CREATE || failure.kind() == Kind.NETWORK || failure.kind() == Kind.RATE_LIMITED)
                    && !(failure.getCause() instanceof AnswerReader.TooLarge);
            if (mode == Mode.CREATE && (failure.kind() == Kind.SERVER_ERROR || failure.kind() == Kind.BAD_RESPONSE
                    || failure.kind() == Kind.TIMEOUT)) {
                // a 5xx or a garbled answer to a create: it may have been made; look before making another
                throw new RunpodException(Kind.SUBMISSION_UNKNOWN, Text.of("account.createUnknown", failure.text()),
                        failure.detail(), failure.httpStatus(), null, failure);
            }
            Duration wait = failure.retryAfter().orElse(null);
            if (!again || wait != null && wait.compareTo(config.retry().maxRetryAfter()) > 0) {
                throw failure;
            }
            wait = wait != null ? wait : config.retry().backoff(attempt, random);
            log.info("{} (attempt {} of {}); trying again in {} ms", failure.getMessage(), attempt,
                    config.retry().maxAttempts(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunpodException(Kind.INTERRUPTED, Text.of("api.stopped"), "interrupted while waiting");
            }
        }
    }
}
