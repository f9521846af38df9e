package dev.easel.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.function.Function;

/**
 * A worker's log as server-sent events: {@code id:} and {@code data:} lines, an empty line ending each event;
 * {@code event:} names and {@code :} comments are skipped, several {@code data:} lines are joined. The data is
 * {@code {"ts","source","line"}}; data that is not JSON is taken as the line itself. The key is removed from every
 * line, and a line is cut at 8,000 characters.
 */
final class SseLogStream implements LogStream {

    private static final int MAX_LINE = 8000;
    private static final long MAX_EVENT_BYTES = 256 * 1024;

    private final Call call;
    private final Response response;
    private final BufferedSource source;
    private final String apiKey;
    private final Function<IOException, RunpodException> failure;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile boolean closed;
    private String lastId;

    SseLogStream(Call call, Response response, String apiKey, Function<IOException, RunpodException> failure) {
        this.call = call;
        this.response = response;
        this.source = response.body().source();
        this.apiKey = apiKey;
        this.failure = failure;
    }

    @Override
    public LogEvent next() {
        String id = null;
        StringBuilder data = null;
        try {
            while (!closed) {
                if (source.exhausted()) {
                    return data == null ? null : event(id, data.toString()); // the stream ended
                }
                String line = source.readUtf8LineStrict(MAX_EVENT_BYTES); // a line longer than that: a broken stream
                if (line.isEmpty()) {
                    if (data != null) {
                        return event(id, data.toString());
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { } // event names, retry: not used
                }
            }
            return null;
        } catch (IOException e) {
            if (closed) {
                return null;
            }
            throw failure.apply(e);
        }
    }

    private LogEvent event(String id, String data) {
        if (id != null) {
            lastId = id;
        }
        String ts = "";
        String src = "";
        String line = data;
        try {
            JsonNode n = mapper.readTree(data);
            if (n != null && n.isObject()) {
                ts = n.path("ts").asText("");
                src = n.path("source").asText("");
                line = n.path("line").isValueNode() ? n.path("line").asText("") : n.path("message").asText(data);
            }
        } catch (JsonProcessingException notJson) {
            // the data is the line
        }
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE) + "\u2026";
        }
        return new LogEvent(id == null ? "" : Redaction.redact(id, apiKey), ts, src, Redaction.redact(line, apiKey));
    }

    @Override
    public String lastEventId() {
        return lastId;
    }

    /** Ends the stream; safe from another thread while {@link #next()} waits (the call is cancelled first). */
    @Override
    public void close() {
        closed = true;
        call.cancel(); // a reader blocked in next() wakes with an IOException and returns null
        try {
            response.close();
        } catch (IllegalStateException readerStillInside) {
            // okio's timeout is held by the reader this cancel just woke; the cancelled call frees the connection
        }
    }
}
