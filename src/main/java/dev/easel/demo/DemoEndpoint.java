package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Easel's embedded demo endpoint: a loopback HTTP server that answers {@code /v2/{endpointId}/…} exactly like the
 * Runpod queue API with worker-comfyui 5.x behind it, rendering procedural pictures instead of running a model.
 */
public final class DemoEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoEndpoint.class);
    private static final long RUN_LIMIT = 10_000_000L;
    private static final long RUNSYNC_LIMIT = 20_000_000L;
    private static final long DEFAULT_SYNC_WAIT_MS = 90_000;
    private static final String HTML_502 = """
            <!DOCTYPE html>
            <html><head><title>502 Bad Gateway</title></head>
            <body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>
            """;

    private final DemoConfig config;
    private final DemoEngine engine;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final DemoRest rest;

    private DemoEndpoint(DemoConfig config) throws IOException {
        this.config = config;
        this.engine = new DemoEngine(config);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 64);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        engine.setS3UrlMaker(path -> origin() + "/demo-s3/" + path);
        engine.account.setOrigin(this::origin);
        this.rest = new DemoRest(engine, this::authorized);
    }

    /** Starts a server on 127.0.0.1 with this configuration. */
    public static DemoEndpoint start(DemoConfig config) throws IOException {
        DemoEndpoint endpoint;
        try {
            endpoint = new DemoEndpoint(config);
        } catch (BindException e) {
            throw new IOException("Port " + config.port() + " on 127.0.0.1 is already in use; choose another with --port.",
                    e);
        }
        endpoint.server.start();
        log.info("Demo endpoint listening on {}", endpoint.baseUrl());
        return endpoint;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to give a Runpod client, e.g. {@code http://127.0.0.1:8000/v2}. */
    public URI baseUrl() {
        return URI.create(origin() + "/v2");
    }

    private String origin() {
        return "http://127.0.0.1:" + port();
    }

    /** Changes fault injection while running. */
    public void setFaults(Faults faults) {
        engine.setFaults(faults);
    }

    /** How many jobs this exact workflow created here (each /run and /runsync that was accepted). */
    public int submissionsOf(JsonNode workflow) {
        return engine.submissionsOf(workflow);
    }

    /** The demo's account as its REST v2 API shows it: its switches for scale-down and throttling. */
    public DemoAccount account() {
        return engine.account;
    }

    public DemoConfig config() {
        return config;
    }

    @Override
    public void close() {
        server.stop(0);
        engine.close();
        executor.shutdownNow();
    }

    // ---- routing ----------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/") || path.isEmpty()) {
                send(ex, 200, "text/plain; charset=utf-8", ("Easel demo endpoint: answers like Runpod Serverless + "
                        + "worker-comfyui, with procedural pictures (not a model).\nAPI: " + baseUrl()
                        + "/{endpointId}/run | runsync | status/{id} | cancel/{id} | retry/{id} | purge-queue | health\n"
                        + "REST v2: " + baseUrl() + "/serverless[/{id}[/workers[/{workerId}/logs]]] | catalog/gpus"
                        + " | billing/serverless | network-volumes\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.startsWith("/demo-s3/")) {
                byte[] img = engine.s3Object(path.substring("/demo-s3/".length()));
                if (img == null || !ex.getRequestMethod().equals("GET")) {
                    send(ex, 404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(ex, 200, "image/png", img);
                }
                return;
            }
            String[] parts = path.split("/");
            if (DemoRest.handles(parts)) {
                rest.handle(ex, parts); // the management API (REST v2)
                return;
            }
            // "", "v2", endpointId, op, [id]
            if (parts.length < 4 || parts.length > 5 || !parts[1].equals("v2")) {
                error(ex, 404, "not found");
                return;
            }
            api(ex, parts[2], parts[3], parts.length == 5 ? parts[4] : null);
        } catch (RuntimeException e) {
            log.warn("demo endpoint failed on {}", ex.getRequestURI(), e);
            error(ex, 500, "internal error");
        }
    }

    private void api(HttpExchange ex, String endpointId, String op, String id) throws IOException {
        if (!authorized(ex)) {
            error(ex, 401, "Unauthorized");
            return;
        }
        if (!config.endpointIds().isEmpty() && !config.endpointIds().contains(endpointId)) {
            error(ex, 404, "endpoint not found");
            return;
        }
        Faults faults = engine.faults();
        if (engine.roll(faults.slow())) {
            sleep(faults.slowDelay());
        }
        if (engine.roll(faults.serverError())) {
            error(ex, 500, "Internal Server Error");
            return;
        }
        if (engine.roll(faults.rateLimited())) {
            ex.getResponseHeaders().set("Retry-After",
                    Long.toString(Math.max(0, (faults.retryAfter().toMillis() + 999) / 1000)));
            error(ex, 429, "Too Many Requests");
            return;
        }
        if (engine.roll(faults.htmlPage())) {
            send(ex, 502, "text/html", HTML_502.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Answer answer = switch (op) {
            case "run" -> id == null && post(ex) ? submit(ex, endpointId, false) : methodNotAllowed();
            case "runsync" -> id == null && post(ex) ? submit(ex, endpointId, true) : methodNotAllowed();
            case "status" -> id != null ? status(id) : notFound();
            case "cancel" -> id != null && post(ex) ? cancel(id) : methodNotAllowed();
            case "retry" -> id != null && post(ex) ? retry(id) : methodNotAllowed();
            case "purge-queue" -> id == null && post(ex) ? purge() : methodNotAllowed();
            case "health" -> id == null ? new Answer(200, engine.healthJson(endpointId)) : notFound();
            default -> notFound();
        };
        byte[] body = json.writeValueAsBytes(answer.body());
        if (engine.roll(faults.dropConnection())) {
            return; // handled, but the connection closes without an answer: the client can't know
        }
        if (engine.roll(faults.malformedJson())) {
            byte[] cut = new byte[Math.max(1, body.length / 2)];
            System.arraycopy(body, 0, cut, 0, cut.length);
            send(ex, answer.code(), "application/json", cut);
            return;
        }
        send(ex, answer.code(), "application/json", body);
    }

    private record Answer(int code, JsonNode body) { }

    private Answer submit(HttpExchange ex, String endpointId, boolean sync) throws IOException {
        long limit = sync ? RUNSYNC_LIMIT : RUN_LIMIT;
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readNBytes((int) limit + 1);
        }
        if (raw.length > limit) {
            return errorAnswer(413, "request body exceeds " + limit / 1_000_000 + "MB limit");
        }
        JsonNode body;
        try {
            body = json.readTree(raw);
        } catch (IOException e) {
            return errorAnswer(400, "invalid JSON in request body");
        }
        if (body == null || !body.isObject() || !body.has("input")) {
            return errorAnswer(400, "request body must be a JSON object with an 'input' field");
        }
        long executionTimeout = DemoEngine.DEFAULT_EXECUTION_TIMEOUT_MS;
        Duration ttl = DemoEngine.DEFAULT_TTL;
        JsonNode policy = body.path("policy");
        if (policy.has("executionTimeout")) {
            executionTimeout = policy.get("executionTimeout").asLong();
            if (executionTimeout < 5_000 || executionTimeout > Duration.ofDays(7).toMillis()) {
                return errorAnswer(400, "policy.executionTimeout must be between 5000 and 604800000 ms");
            }
        }
        if (policy.has("ttl")) {
            ttl = Duration.ofMillis(Math.max(1, policy.get("ttl").asLong()));
        }
        // a low-priority job waits for a worker that is up; set before it is queued, where a worker may take it
        DemoJob job = engine.submit(endpointId, body.get("input"), sync, ttl, executionTimeout,
                policy.path("lowPriority").asBoolean(false));
        if (!sync) {
            return new Answer(200, ref(job.id, "IN_QUEUE"));
        }
        long wait = DEFAULT_SYNC_WAIT_MS;
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                if (kv.startsWith("wait=")) {
                    try {
                        wait = Math.clamp(Long.parseLong(kv.substring(5)), 1000, 300_000);
                    } catch (NumberFormatException ignored) {
                        // keep the default, as Runpod does with a bad value
                    }
                }
            }
        }
        engine.await(job, Duration.ofMillis(wait));
        ObjectNode status = engine.statusJson(job);
        String state = status.path("status").asText();
        return new Answer(200, state.equals("IN_QUEUE") || state.equals("IN_PROGRESS") ? ref(job.id, state) : status);
    }

    private Answer status(String id) {
        DemoJob job = engine.find(id);
        return job == null ? jobNotFound() : new Answer(200, engine.statusJson(job));
    }

    private Answer cancel(String id) {
        DemoJob job = engine.cancel(id);
        return job == null ? jobNotFound() : new Answer(200, ref(job.id, engine.statusJson(job).path("status").asText()));
    }

    private Answer retry(String id) {
        DemoJob.State was = engine.retry(id);
        if (was == null) {
            return jobNotFound();
        }
        if (was != DemoJob.State.FAILED && was != DemoJob.State.TIMED_OUT) {
            return errorAnswer(400, "job " + id + " is " + was + "; only FAILED or TIMED_OUT jobs can be retried");
        }
        return new Answer(200, ref(id, "IN_QUEUE"));
    }

    private Answer purge() {
        ObjectNode n = json.createObjectNode();
        n.put("removed", engine.purgeQueue());
        n.put("status", "completed");
        return new Answer(200, n);
    }

    private ObjectNode ref(String id, String status) {
        ObjectNode n = json.createObjectNode();
        n.put("id", id);
        n.put("status", status);
        return n;
    }

    private Answer jobNotFound() {
        return errorAnswer(404, "request does not exist");
    }

    private Answer notFound() {
        return errorAnswer(404, "not found");
    }

    private Answer methodNotAllowed() {
        return errorAnswer(405, "method not allowed");
    }

    private Answer errorAnswer(int code, String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        return new Answer(code, n);
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            return false;
        }
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : header.trim();
        if (key.isEmpty()) {
            return false;
        }
        return config.expectedApiKey() == null || config.expectedApiKey().equals(key);
    }

    private static boolean post(HttpExchange ex) {
        return ex.getRequestMethod().equals("POST");
    }

    private void error(HttpExchange ex, int code, String message) throws IOException {
        send(ex, code, "application/json", json.writeValueAsBytes(errorAnswer(code, message).body()));
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
