package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.easel.api.RunpodException.Kind;

/** {@link RunpodClient} over OkHttp and Jackson. */
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

    /** What a 404 means for a call. */
    private enum Scope { ENDPOINT, JOB }

    private final RunpodConfig config;
    private final OkHttpClient http;
    private OkHttpClient downloads;
    private final ObjectMapper mapper = new ObjectMapper(WorkflowJson.factory());
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final HttpUrl endpointUrl;
    /** The download limit; tests lower it. */
    long downloadLimit = MAX_DOWNLOAD_BYTES;
    /** Where large answers and their decoded images wait to be saved; null: the system's temporary folder. */
    private volatile Path spillDir;

    public OkHttpRunpodClient(RunpodConfig config) {
        this(config, Sleeper.REAL, RandomGenerator.getDefault());
    }

    /** For tests: a sleeper that records waits and a seeded random make retries deterministic. */
    public OkHttpRunpodClient(RunpodConfig config, Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config);
        Redaction.remember(config.apiKey()); // from now on, no text Easel writes can hold it
        this.sleeper = sleeper;
        this.random = random;
        HttpUrl base = HttpUrl.parse(config.baseUrl().toString());
        if (base == null) {
            throw new RunpodException(Kind.BAD_REQUEST, "The base URL '" + config.baseUrl()
                    + "' is not a valid http(s) URL.", "");
        }
        checkSecureTransport(base, config.apiKey());
        this.endpointUrl = base.newBuilder().addPathSegment(config.endpointId()).build();
        // No silent retries and no redirects: OkHttp would otherwise resend a POST /run on a failed pooled
        // connection, which can create a duplicate job, and a redirect must not carry the key elsewhere.
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(CALL_TIMEOUT)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        if (!base.isHttps()) {
            // plain http (the demo endpoint on this machine): no TLS set-up, which reads the JDK's trusted
            // certificates (~90 ms of CPU while the app starts)
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
            // and only to this machine as the name resolves now, not as it is spelt (a hosts entry can point
            // "test.localhost" anywhere): the key must never travel in clear to another address
            builder.dns(loopbackOnly(Dns.SYSTEM));
        }
        this.http = builder.build();
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

    /** Refuses to send the key over plain http to any host but this machine. */
    static void checkSecureTransport(HttpUrl url, String apiKey) {
        if (apiKey != null && !apiKey.isEmpty() && !url.isHttps() && !isLoopback(url.host())) {
            throw new RunpodException(Kind.INSECURE_URL, "Easel won't send your API key over plain http to "
                    + url.host() + ". Use an https:// URL (plain http is allowed only for this machine).",
                    "refused http base URL " + url.host());
        }
    }

    /** A resolver that gives only this machine's addresses, and a sentence when a name points elsewhere. */
    static Dns loopbackOnly(Dns delegate) {
        return host -> {
            List<InetAddress> all = delegate.lookup(host);
            List<InetAddress> local = all.stream().filter(InetAddress::isLoopbackAddress).toList();
            if (local.isEmpty()) {
                throw new UnknownHostException(host + " is not this machine (it resolves to "
                        + all.stream().map(InetAddress::getHostAddress).toList() + "): Easel uses plain http only "
                        + "to this machine; use https for anything else");
            }
            return local;
        };
    }

    /** Whether {@code host} is this machine by its spelling (localhost or a loopback address; no DNS lookup). */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.matches("[0-9.]+") || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // an IP literal: no DNS lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
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
        JsonNode answer = call(request, Mode.SUBMIT, Scope.ENDPOINT, http);
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
        JsonNode answer = call(post(url, body), Mode.SUBMIT, Scope.ENDPOINT, patient);
        StatusResponse status = StatusResponse.parse(answer);
        if (status.id() == null) {
            throw unknownSubmission(new RunpodException(Kind.BAD_RESPONSE, "Runpod's answer had no job id.",
                    abbreviate(answer.toString())));
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
        return StatusResponse.parse(call(request, Mode.IDEMPOTENT, Scope.JOB, http));
    }

    @Override
    public JobRef cancel(String jobId) {
        return jobRef(call(post(url("cancel", jobId), new byte[0]), Mode.IDEMPOTENT, Scope.JOB, http), false);
    }

    @Override
    public JobRef retry(String jobId) {
        return jobRef(call(post(url("retry", jobId), new byte[0]), Mode.ONCE, Scope.JOB, http), false);
    }

    @Override
    public PurgeResponse purgeQueue() {
        JsonNode answer = call(post(url("purge-queue"), new byte[0]), Mode.ONCE, Scope.ENDPOINT, http);
        return new PurgeResponse(answer.path("removed").asInt(0), answer.path("status").asText(""));
    }

    @Override
    public HealthResponse health() {
        Request request = new Request.Builder().url(url("health")).get().headers(auth()).build();
        return HealthResponse.parse(call(request, Mode.IDEMPOTENT, Scope.ENDPOINT, http));
    }

    @Override
    public byte[] download(URI uri) {
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw new RunpodException(Kind.BAD_RESPONSE, "The image link in Runpod's answer is not a valid URL.",
                    abbreviate(uri.toString()));
        }
        if (!url.isHttps() && !isLoopback(url.host())) {
            throw new RunpodException(Kind.INSECURE_URL, "Easel only downloads images over https; the link in "
                    + "Runpod's answer uses plain http.", url.host());
        }
        // Deliberately a request without the Authorization header: presigned links need no key.
        Request request = new Request.Builder().url(url).get().build();
        for (int attempt = 1; ; attempt++) {
            RunpodException failure;
            try (Response response = downloads().newCall(request).execute()) {
                if (response.isSuccessful()) {
                    long length = response.body().contentLength();
                    if (length > downloadLimit) {
                        throw new RunpodException(Kind.BAD_RESPONSE, "The image is too large to download ("
                                + length / 1_000_000 + " MB).", url.host());
                    }
                    return readBounded(response, downloadLimit, "The image is larger than "
                            + downloadLimit / 1_000_000 + " MB; Easel stopped downloading it.");
                }
                byte[] body = readBounded(response, 64 * 1024, null);
                if (response.code() == 403 || response.code() == 404) {
                    throw new RunpodException(Kind.JOB_NOT_FOUND, "The image link has expired or is invalid (HTTP "
                            + response.code() + "). S3 links from Runpod last 7 days.",
                            "GET " + url.host() + url.encodedPath() + " -> " + response.code() + " " + excerpt(body),
                            response.code(), null, null);
                }
                failure = httpError(response, body, Scope.JOB, "GET " + url.host() + url.encodedPath());
            } catch (IOException e) {
                failure = ioError(e, url);
            }
            backOffOrThrow(failure, attempt, Mode.IDEMPOTENT);
        }
    }

    /**
     * Puts large answers and the images decoded from them in {@code dir} (created when needed) instead of the
     * system's temporary folder, which may be memory on some systems.
     */
    public OkHttpRunpodClient spillTo(Path dir) {
        this.spillDir = dir;
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
            throw new RunpodException(Kind.REQUEST_TOO_LARGE, String.format(Locale.ROOT,
                    "The request is %.1f MB; Runpod accepts at most %d MB on %s. Use smaller or fewer input images.",
                    body.length / 1e6, limit / 1_000_000, op), "request body " + body.length + " bytes");
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
            RunpodException e = new RunpodException(Kind.BAD_RESPONSE, "Runpod's answer had no job id.",
                    abbreviate(answer.toString()));
            throw submission ? unknownSubmission(e) : e;
        }
        return new JobRef(id, JobState.parse(answer.path("status").asText(null)));
    }

    private JsonNode call(Request request, Mode mode, Scope scope, OkHttpClient client) {
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
                    Spooled answer = readSpooled(response, MAX_ANSWER_BYTES, "Runpod's answer is larger than "
                            + MAX_ANSWER_BYTES / 1_000_000 + " MB; Easel stopped reading it.");
                    body = answer.head();
                    spooled = answer.file();
                } else {
                    body = readBounded(response, 1024 * 1024, null); // an error page: its start is enough
                }
                if (log.isDebugEnabled()) {
                    log.debug("{} -> {} ({} bytes, {} ms)", what, response.code(), spooled == null ? body.length
                            : Files.size(spooled), (System.nanoTime() - start) / 1_000_000);
                }
                if (response.isSuccessful()) {
                    JsonNode json = spooled == null ? parseJson(body) : parseJson(spooled);
                    if (json != null) {
                        // a server that echoes the key (in an error, say) must not hand it on to the journal
                        return spooled == null && !mayHoldKey(body) ? json : scrub(json);
                    }
                    if (mode == Mode.SUBMIT) {
                        // a cut answer that still holds the whole id: the job was created, and this is it
                        Matcher id = CUT_ANSWER_ID.matcher(new String(body, StandardCharsets.UTF_8));
                        if (id.find()) {
                            log.info("{}: the answer was cut short, but its job id {} is whole", what, id.group(1));
                            return mapper.createObjectNode().put("id", id.group(1));
                        }
                    }
                    failure = new RunpodException(Kind.BAD_RESPONSE, notJsonMessage(body),
                            what + " -> " + response.code() + " " + excerpt(body), response.code(), null, null);
                } else {
                    failure = httpError(response, body, scope, what);
                }
                if (mode == Mode.SUBMIT && (failure.kind() == Kind.SERVER_ERROR || failure.kind() == Kind.BAD_RESPONSE)) {
                    failure = unknownSubmission(failure);
                }
            } catch (IOException e) {
                failure = ioError(e, request.url());
                if (mode == Mode.SUBMIT && !surelyNotSent(e) && failure.kind() != Kind.INTERRUPTED) {
                    failure = unknownSubmission(failure);
                }
                log.debug("{} failed: {}", what, failure.detail());
            } finally {
                deleteQuietly(spooled);
            }
            backOffOrThrow(failure, attempt, mode);
        }
    }

    /**
     * Reads a body up to {@code limit} bytes, with or without a Content-Length: an endless answer is cut off. Past
     * the limit it throws {@code tooLarge} as a BAD_RESPONSE, or with a null message it returns what it read.
     */
    private static byte[] readBounded(Response response, long limit, String tooLarge) throws IOException {
        long declared = response.body().contentLength();
        if (declared > limit && tooLarge != null) {
            throw new TooLarge(tooLarge);
        }
        try (InputStream in = response.body().byteStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(declared, 8192), 64L * 1024 * 1024));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                long room = limit - total;
                if (n > room) {
                    if (tooLarge != null) {
                        throw new TooLarge(tooLarge);
                    }
                    out.write(buf, 0, (int) room);
                    break;
                }
                out.write(buf, 0, n);
                total += n;
            }
            return out.toByteArray();
        }
    }

    private boolean mayHoldKey(byte[] body) {
        String key = config.apiKey();
        return key != null && key.length() >= Redaction.MIN_SECRET
                && new String(body, StandardCharsets.UTF_8).contains(key);
    }

    /**
     * The answer with the key removed from every string in it, but for pictures: an image's base64 {@code data}
     * (or a legacy answer's base64 message) is pixels, which a key's letters may appear in by chance, and which
     * never becomes text; rewriting it would damage the picture.
     */
    private JsonNode scrub(JsonNode n) {
        if (n instanceof ObjectNode o) {
            var names = new ArrayList<String>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isTextual() && (name.equals("data") || isBase64Payload(v.asText()))) {
                    continue;
                }
                o.set(name, scrubbed(v));
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, scrubbed(a.get(i)));
            }
        }
        return n;
    }

    /** A long run of base64 and nothing else: a picture, not words. */
    private static boolean isBase64Payload(String s) {
        if (s.length() < 4096) {
            return false;
        }
        int start = s.startsWith("data:") ? s.indexOf(',') + 1 : 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' || c == '\n' || c == '\r')) {
                return false;
            }
        }
        return true;
    }

    /** A value with the key removed: a new text node when it held the key, the same node otherwise. */
    private JsonNode scrubbed(JsonNode v) {
        if (!v.isTextual()) {
            return scrub(v);
        }
        String clean = Redaction.redact(v.asText(), config.apiKey());
        return clean.equals(v.asText()) ? v : mapper.getNodeFactory().textNode(clean);
    }

    /** An answer read: all of it in {@code head}, or its first megabyte there and all of it in {@code file}. */
    private record Spooled(byte[] head, Path file) { }

    /** Answers up to this size are read into memory; larger ones go to a temporary file. */
    private static final int IN_MEMORY_ANSWER = 1024 * 1024;

    /**
     * Reads a body up to {@code limit} bytes like {@link #readBounded}, but past {@link #IN_MEMORY_ANSWER} into a
     * temporary file under the spill folder (deleted by the caller).
     */
    private Spooled readSpooled(Response response, long limit, String tooLarge) throws IOException {
        long declared = response.body().contentLength();
        if (declared > limit) {
            throw new TooLarge(tooLarge);
        }
        try (InputStream in = response.body().byteStream()) {
            byte[] head = in.readNBytes(IN_MEMORY_ANSWER);
            if (head.length < IN_MEMORY_ANSWER) {
                return new Spooled(head, null);
            }
            Path file = spillDir == null ? Files.createTempFile("easel-answer-", ".json")
                    : Files.createTempFile(Files.createDirectories(spillDir), "easel-answer-", ".json");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(head);
                byte[] buf = new byte[64 * 1024];
                long total = head.length;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > limit) {
                        throw new TooLarge(tooLarge);
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                deleteQuietly(file);
                throw e;
            }
            return new Spooled(head, file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary folder is the system's to clean
            }
        }
    }

    private JsonNode parseJson(Path file) {
        try {
            JsonNode n = StatusReader.readTree(mapper, file, spillDir);
            return n != null && n.isObject() ? n : null; // only an object's output.images are decoded to files
        } catch (IOException e) {
            return null;
        }
    }

    /** An answer over its size limit: not an I/O failure to retry, a BAD_RESPONSE to report. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Returns when another attempt should be made, after waiting; throws {@code failure} otherwise. */
    private void backOffOrThrow(RunpodException failure, int attempt, Mode mode) {
        boolean again = mode != Mode.ONCE && attempt < config.retry().maxAttempts() && failure.kind().isTransient()
                && !(failure.getCause() instanceof TooLarge); // the same answer would come again
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
            throw new RunpodException(Kind.INTERRUPTED, "The request was stopped.", "interrupted while waiting");
        }
    }

    private JsonNode parseJson(byte[] body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private RunpodException httpError(Response response, byte[] body, Scope scope, String what) {
        int code = response.code();
        Duration retryAfter = parseRetryAfter(response.header("Retry-After"));
        String detail = what + " -> HTTP " + code + " " + excerpt(body);
        String server = serverMessage(body);
        String suffix = server == null ? "" : " Runpod said: " + server;
        Kind kind;
        String message;
        switch (code) {
            case 400 -> {
                kind = Kind.BAD_REQUEST;
                message = "Runpod rejected the request (400)." + suffix;
            }
            case 401 -> {
                kind = Kind.UNAUTHORIZED;
                message = "The API key was refused (401). Open Settings → Endpoint to check it.";
            }
            case 403 -> {
                kind = Kind.FORBIDDEN;
                message = "The API key may not use endpoint " + config.endpointId()
                        + " (403). Check the key's permissions in the Runpod console.";
            }
            case 404 -> {
                boolean endpoint = scope == Scope.ENDPOINT
                        || (server != null && server.toLowerCase(Locale.ROOT).contains("endpoint"));
                kind = endpoint ? Kind.ENDPOINT_NOT_FOUND : Kind.JOB_NOT_FOUND;
                message = endpoint
                        ? "Runpod has no endpoint '" + config.endpointId() + "' (404). Check the endpoint id in Settings."
                        : "Runpod no longer knows this job (404): it is unknown, or its result expired "
                          + "(Runpod keeps results 30 minutes after a job ends, 1 minute for runsync).";
            }
            case 413 -> {
                kind = Kind.REQUEST_TOO_LARGE;
                message = "Runpod refused the request as too large (413). Use smaller or fewer input images.";
            }
            case 429 -> {
                kind = Kind.RATE_LIMITED;
                message = "Runpod is limiting requests (429)"
                        + (retryAfter == null ? "." : "; it asks to wait " + seconds(retryAfter) + ".");
            }
            default -> {
                if (code >= 500) {
                    kind = Kind.SERVER_ERROR;
                    message = "Runpod had a server error (HTTP " + code + ")"
                            + (looksLikeHtml(body) ? "; the answer was an error page, not the API." : ".")
                            + " Try again in a moment.";
                } else {
                    kind = Kind.BAD_REQUEST;
                    message = "Runpod refused the request (HTTP " + code + ")." + suffix;
                }
            }
        }
        return new RunpodException(kind, Redaction.redact(message, config.apiKey()), detail, code, retryAfter, null);
    }

    private RunpodException ioError(IOException e, HttpUrl url) {
        String host = url.host();
        if (e instanceof TooLarge) {
            return new RunpodException(Kind.BAD_RESPONSE, e.getMessage(), url.host() + url.encodedPath(), 0, null, e);
        }
        String detail = Redaction.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), config.apiKey())
                + " (" + url.host() + url.encodedPath() + ")";
        if (Thread.currentThread().isInterrupted()) {
            return new RunpodException(Kind.INTERRUPTED, "The request was stopped.", detail, 0, null, e);
        }
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"))) {
            return new RunpodException(Kind.TIMEOUT, host + " did not answer in time (" + seconds(config.readTimeout())
                    + ").", detail, 0, null, e);
        }
        if (e instanceof UnknownHostException) {
            return new RunpodException(Kind.NETWORK, "Can't find " + host + ". Check your internet connection.",
                    detail, 0, null, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new RunpodException(Kind.NETWORK, "Can't connect to " + host + ". Check your internet connection"
                    + (isLoopback(host) ? " and that the local server is running." : "."), detail, 0, null, e);
        }
        if (e instanceof SSLException) {
            return new RunpodException(Kind.NETWORK, "The secure connection to " + host + " failed.", detail, 0, null, e);
        }
        return new RunpodException(Kind.NETWORK, "The connection to " + host + " broke off before an answer came.",
                detail, 0, null, e);
    }

    /** True when the request cannot have reached the server: it failed while connecting. */
    private static boolean surelyNotSent(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private RunpodException unknownSubmission(RunpodException cause) {
        return new RunpodException(Kind.SUBMISSION_UNKNOWN,
                "The job may or may not have been created: " + cause.getMessage()
                        + " Easel did not send it again, to avoid a duplicate job.",
                cause.detail(), cause.httpStatus(), null, cause);
    }

    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            double secs = Double.parseDouble(h);
            return secs < 0 ? Duration.ZERO : Duration.ofMillis((long) (secs * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private String serverMessage(byte[] body) {
        JsonNode n = parseJson(body);
        if (n == null) {
            return null;
        }
        for (String key : new String[] {"error", "message", "detail"}) {
            if (n.hasNonNull(key) && n.get(key).isValueNode()) {
                return Redaction.redact(abbreviate(n.get(key).asText()), config.apiKey());
            }
        }
        return null;
    }

    private static String notJsonMessage(byte[] body) {
        return looksLikeHtml(body)
                ? "Runpod answered with a web page instead of data; a proxy or an outage may be in the way."
                : body.length == 0 ? "Runpod's answer was empty." : "Runpod's answer could not be read (not valid JSON).";
    }

    static boolean looksLikeHtml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")
                || head.startsWith("<head");
    }

    private String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return Redaction.redact(abbreviate(s), config.apiKey());
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
