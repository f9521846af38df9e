package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The highest max workers Easel has seen on each endpoint, kept in a small file: when Runpod lowers an idle
 * endpoint's max (to 2 after 3 days, to 0 after 7), the panel can say so and give the old value back in one click.
 */
public final class EndpointMemory {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public EndpointMemory(Path file) {
        this.file = file;
    }

    /** The highest max workers seen on the endpoint, 0 when never seen. */
    public synchronized int maxSeen(String endpointId) {
        return read().path(endpointId).path("maxSeen").asInt(0);
    }

    /** Notes the endpoint's max workers as seen now (kept when higher than before). */
    public synchronized void saw(String endpointId, int max) {
        if (max <= maxSeen(endpointId)) {
            return;
        }
        set(endpointId, max);
    }

    /**
     * Notes a max the user chose (in Easel or the console): what is remembered from now on, lower or not. A
     * lowering Runpod made is not a choice: {@link #saw} does not forget the higher value.
     */
    public synchronized void chose(String endpointId, int max) {
        set(endpointId, max);
    }

    private void set(String endpointId, int max) {
        ObjectNode all = read().deepCopy();
        all.putObject(endpointId).put("maxSeen", max);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, json.writeValueAsBytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode read() {
        try {
            if (Files.exists(file)) {
                JsonNode n = json.readTree(Files.readAllBytes(file));
                if (n instanceof ObjectNode o) {
                    return o;
                }
            }
        } catch (IOException damaged) {
            // a damaged file is as if none: the panel just can't say the max was lowered
        }
        return json.createObjectNode();
    }
}
