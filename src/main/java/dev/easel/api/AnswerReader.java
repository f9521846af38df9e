package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Text;
import okhttp3.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Reads answers within limits (an endless or huge answer is cut off or refused, never read whole into memory), big
 * ones through a temporary file, and hands on JSON with the key scrubbed out when a server echoed it back.
 */
final class AnswerReader {

    private final ObjectMapper mapper;
    private final String apiKey;
    /** Where large answers and their decoded images wait to be saved; null: the system's temporary folder. */
    private volatile Path spillDir;

    AnswerReader(ObjectMapper mapper, String apiKey) {
        this.mapper = mapper;
        this.apiKey = apiKey;
    }

    void spillTo(Path dir) {
        this.spillDir = dir;
    }

    /**
     * Reads a body up to {@code limit} bytes, with or without a Content-Length: an endless answer is cut off. Past
     * the limit it throws {@code tooLarge} as a BAD_RESPONSE, or with a null message it returns what it read.
     */
    static byte[] readBounded(Response response, long limit, Text tooLarge) throws IOException {
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

    boolean mayHoldKey(byte[] body) {
        String key = apiKey;
        return key != null && key.length() >= Redaction.MIN_SECRET
                && new String(body, StandardCharsets.UTF_8).contains(key);
    }

    /**
     * The answer with the key removed from every string in it, but for pictures: an image's base64 {@code data}
     * (or a legacy answer's base64 message) is pixels, which a key's letters may appear in by chance, and which
     * never becomes text; rewriting it would damage the picture.
     */
    JsonNode scrub(JsonNode n) {
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
        String clean = Redaction.redact(v.asText(), apiKey);
        return clean.equals(v.asText()) ? v : mapper.getNodeFactory().textNode(clean);
    }

    /** An answer read: all of it in {@code head}, or its first megabyte there and all of it in {@code file}. */
    record Spooled(byte[] head, Path file) { }

    /** Answers up to this size are read into memory; larger ones go to a temporary file. */
    private static final int IN_MEMORY_ANSWER = 1024 * 1024;

    /**
     * Reads a body up to {@code limit} bytes like {@link #readBounded}, but past {@link #IN_MEMORY_ANSWER} into a
     * temporary file under the spill folder (deleted by the caller).
     */
    Spooled readSpooled(Response response, long limit, Text tooLarge) throws IOException {
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

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary folder is the system's to clean
            }
        }
    }

    JsonNode parseJson(Path file) {
        try {
            JsonNode n = StatusReader.readTree(mapper, file, spillDir);
            return n != null && n.isObject() ? n : null; // only an object's output.images are decoded to files
        } catch (IOException e) {
            return null;
        }
    }

    /** An answer over its size limit: not an I/O failure to retry, a BAD_RESPONSE to report. */
    static final class TooLarge extends IOException {
        private final transient Text text;

        TooLarge(Text text) {
            super(text.toString());
            this.text = text;
        }

        Text text() {
            return text;
        }
    }

    JsonNode parseJson(byte[] body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
