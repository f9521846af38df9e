package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The demo's REST API v2 (management), a faithful subset of Runpod's: {@code /v2/serverless} (list, create, get,
 * update, delete), {@code …/{id}/workers}, {@code …/workers/{workerId}/logs} (server-sent events),
 * {@code /v2/catalog/gpus}, {@code /v2/billing/serverless}, {@code /v2/network-volumes}; refusals as
 * {@code application/problem+json}.
 */
final class DemoRest {

    private static final Set<String> ROOTS = Set.of("serverless", "catalog", "billing", "network-volumes");
    private static final int MAX_BODY = 1_000_000;
    /** How long a log stream stays open without a new line before it ends (the client reconnects). */
    private static final long LOG_IDLE_MS = 60_000;

    private final ObjectMapper json = new ObjectMapper();
    private final DemoAccount account;
    private final DemoEngine engine;
    private final Predicate<HttpExchange> authorized;

    DemoRest(DemoEngine engine, Predicate<HttpExchange> authorized) {
        this.engine = engine;
        this.account = engine.account;
        this.authorized = authorized;
    }

    /** Whether a path ({@code "", "v2", …}) is the management API's. */
    static boolean handles(String[] parts) {
        return parts.length >= 3 && parts[1].equals("v2") && ROOTS.contains(parts[2]);
    }

    void handle(HttpExchange ex, String[] parts) throws IOException {
        if (!authorized.test(ex)) {
            problem(ex, 401, "Unauthorized", "missing bearer token", List.of());
            return;
        }
        String method = ex.getRequestMethod();
        String[] p = new String[parts.length - 2]; // "serverless", id, …
        for (int i = 2; i < parts.length; i++) {
            p[i - 2] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        }
        switch (p[0]) {
            case "serverless" -> serverless(ex, method, p);
            case "catalog" -> {
                if (p.length == 2 && p[1].equals("gpus") && method.equals("GET")) {
                    send(ex, 200, account.gpus());
                } else {
                    notFound(ex);
                }
            }
            case "billing" -> {
                if (p.length == 2 && p[1].equals("serverless") && method.equals("GET")) {
                    Map<String, String> q = query(ex);
                    try {
                        send(ex, 200, account.billing(DemoBilling.window(q, Instant.now()), q.get("serverlessId")));
                    } catch (IllegalArgumentException e) {
                        problem(ex, 400, "Bad Request", e.getMessage(), List.of());
                    }
                } else {
                    notFound(ex);
                }
            }
            case "network-volumes" -> {
                if (p.length == 1 && method.equals("GET")) {
                    send(ex, 200, account.networkVolumes());
                } else {
                    notFound(ex);
                }
            }
            default -> notFound(ex);
        }
    }

    private void serverless(HttpExchange ex, String method, String[] p) throws IOException {
        if (p.length == 1) {
            switch (method) {
                case "GET" -> send(ex, 200, account.list());
                case "POST" -> {
                    JsonNode body = body(ex);
                    DemoRules.Refusal r = DemoRules.create(body);
                    if (r != null) {
                        refuse(ex, r);
                    } else {
                        send(ex, 201, account.create(body));
                    }
                }
                default -> notAllowed(ex, "GET, POST");
            }
            return;
        }
        String id = p[1];
        if (!account.exists(id)) {
            notFound(ex);
            return;
        }
        if (p.length == 2) {
            switch (method) {
                case "GET" -> send(ex, 200, account.endpoint(id));
                case "PATCH" -> {
                    JsonNode body = body(ex);
                    DemoRules.Refusal r = DemoRules.update(body);
                    ObjectNode updated = r == null ? account.update(id, body) : null;
                    if (r != null) {
                        refuse(ex, r);
                    } else if (updated == null) {
                        notFound(ex);
                    } else {
                        send(ex, 200, updated);
                    }
                }
                case "DELETE" -> {
                    if (account.delete(id)) {
                        ex.sendResponseHeaders(204, -1);
                    } else {
                        notFound(ex);
                    }
                }
                default -> notAllowed(ex, "GET, PATCH, DELETE");
            }
        } else if (p.length == 3 && p[2].equals("workers") && method.equals("GET")) {
            send(ex, 200, account.workers(id));
        } else if (p.length == 5 && p[2].equals("workers") && p[4].equals("logs") && method.equals("GET")) {
            logs(ex, p[3]);
        } else {
            notFound(ex);
        }
    }

    /** A worker's log as server-sent events: its last lines, then new ones as they come, until a minute is quiet. */
    private void logs(HttpExchange ex, String workerId) throws IOException {
        int index = -1;
        for (int i = 0; i < engine.fleet.count(); i++) {
            if (engine.fleet.id(i).equals(workerId)) {
                index = i;
            }
        }
        if (index < 0) {
            notFound(ex);
            return;
        }
        DemoWorkerLog log = engine.fleet.log(index);
        Map<String, String> q = query(ex);
        String resume = ex.getRequestHeaders().getFirst("Last-Event-ID");
        List<DemoWorkerLog.Line> first;
        if (resume != null) {
            first = log.tail(500).stream().filter(l -> l.seq() > seq(resume)).toList();
        } else {
            int tail = 100;
            try {
                tail = Math.clamp(Integer.parseInt(q.getOrDefault("tail", "100")), 0, 5000);
            } catch (NumberFormatException ignored) {
                // Runpod's default
            }
            first = tail == 0 ? List.of() : log.tail(tail);
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        long last = first.isEmpty() ? (resume != null ? seq(resume) : lastSeq(log)) : first.getLast().seq();
        try {
            write(out, first);
            while (engine.running) {
                List<DemoWorkerLog.Line> more = log.after(last, LOG_IDLE_MS);
                if (more.isEmpty()) {
                    return; // quiet for a minute: the stream ends, as a proxy would end it
                }
                write(out, more);
                last = more.getLast().seq();
            }
        } catch (IOException clientGone) {
            // the client closed the stream
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long lastSeq(DemoWorkerLog log) {
        List<DemoWorkerLog.Line> l = log.tail(1);
        return l.isEmpty() ? 0 : l.getFirst().seq();
    }

    private static long seq(String eventId) {
        int slash = eventId.lastIndexOf('/');
        try {
            return Long.parseLong(eventId.substring(slash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void write(OutputStream out, List<DemoWorkerLog.Line> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (DemoWorkerLog.Line l : lines) {
            ObjectNode d = json.createObjectNode();
            d.put("ts", l.ts().toString());
            d.put("source", l.source());
            d.put("line", l.text());
            sb.append("id: ").append(l.eventId()).append('\n').append("data: ").append(json.writeValueAsString(d))
                    .append("\n\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private JsonNode body(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            byte[] raw = in.readNBytes(MAX_BODY + 1);
            return raw.length > MAX_BODY || raw.length == 0 ? null : json.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private void refuse(HttpExchange ex, DemoRules.Refusal r) throws IOException {
        String title = switch (r.status()) {
            case 404 -> "Not Found";
            case 422 -> "Unprocessable Entity";
            default -> "Bad Request";
        };
        problem(ex, r.status(), title, r.detail(), r.errors());
    }

    private void notFound(HttpExchange ex) throws IOException {
        problem(ex, 404, "Not Found", "resource not found", List.of());
    }

    private void notAllowed(HttpExchange ex, String allow) throws IOException {
        ex.getResponseHeaders().set("Allow", allow);
        problem(ex, 405, "Method Not Allowed", "The requested method is not allowed for this path.", List.of());
    }

    private void problem(HttpExchange ex, int status, String title, String detail, List<String> errors)
            throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("title", title);
        n.put("status", status);
        n.put("detail", detail);
        if (!errors.isEmpty()) {
            errors.forEach(n.putArray("errors")::add);
        }
        byte[] body = json.writeValueAsBytes(n);
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
