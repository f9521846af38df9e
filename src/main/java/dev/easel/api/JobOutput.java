package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.easel.text.Text;

import java.util.ArrayList;
import java.util.List;

/** The {@code output} of a status answer, in every shape worker-comfyui (5.x and older) and its forks send. */
public sealed interface JobOutput {

    /** No output key: normal while queued or running; a failure when COMPLETED (see {@link StatusResponse#failure()}). */
    record None() implements JobOutput { }

    /**
     * Images, inline or as URLs, with the non-fatal {@code errors[]} of worker-comfyui 5.x (its own words) and
     * Easel's about images it could not take.
     */
    record Images(List<OutputImage> images, List<Text> errors) implements JobOutput {
        public Images {
            images = List.copyOf(images);
            errors = List.copyOf(errors);
        }
    }

    /** {@code success_no_images}: the graph saved nothing (only PreviewImage nodes, say). */
    record NoImages(List<Text> errors) implements JobOutput {
        public NoImages {
            errors = List.copyOf(errors);
        }
    }

    /** A pre-5.0 worker reporting an error inside a COMPLETED job; its message may be null. */
    record LegacyError(String message, List<String> details) implements JobOutput {
        public LegacyError {
            details = List.copyOf(details);
        }
    }

    /** A progress payload some worker forks send while IN_PROGRESS. */
    record Progress(long value, long max, double percent, String node) implements JobOutput { }

    /** Anything else; kept raw. */
    record Other(JsonNode raw) implements JobOutput { }

    /** Reads an {@code output} value; {@code null} or missing gives {@link None}. Never throws. */
    static JobOutput parse(JsonNode output) {
        if (output == null || output.isNull() || output.isMissingNode()) {
            return new None();
        }
        if (!output.isObject()) {
            return new Other(output);
        }
        String status = text(output.get("status"));
        if ("progress".equals(text(output.get("type"))) && output.has("value")) {
            long value = output.path("value").asLong();
            long max = output.path("max").asLong();
            double percent = output.has("percent") ? output.path("percent").asDouble()
                    : max > 0 ? 100.0 * value / max : 0;
            return new Progress(value, max, percent, text(output.get("node")));
        }
        if ("error".equalsIgnoreCase(status) || (output.has("error") && !output.has("images"))) {
            String message = text(output.get("message"));
            if (message == null) {
                message = text(output.get("error"));
            }
            return new LegacyError(message,
                    strings(output.get("details")));
        }
        List<Text> errors = strings(output.get("errors")).stream().map(Text::literal).toList();
        JsonNode images = output.get("images");
        if (images != null && images.isArray()) {
            List<OutputImage> list = new ArrayList<>();
            int n = 0;
            for (JsonNode img : images) {
                n++;
                String filename = text(img.get("filename"));
                String type = text(img.get("type"));
                if (img.get("data") instanceof POJONode pojo
                        && pojo.getPojo() instanceof StatusReader.Decoded decoded) {
                    list.add(new OutputImage(filename == null ? "image_" + n + ".png" : filename,
                            type == null ? "base64" : type, "", decoded.file()));
                    continue;
                }
                String data = text(img.get("data"));
                if (data == null) {
                    data = text(img.get("url"));
                }
                if (data == null) {
                    errors = append(errors, Text.of("api.image.noData", n));
                    continue;
                }
                if (data.regionMatches(true, 0, "data:", 0, 5) && data.indexOf(',') > 0) {
                    data = data.substring(data.indexOf(',') + 1); // a data: URI
                }
                list.add(new OutputImage(filename == null ? "image_" + n + ".png" : filename,
                        type == null ? "" : type, data));
            }
            return list.isEmpty() ? new NoImages(errors) : new Images(list, errors);
        }
        if ("success_no_images".equals(status)) {
            return new NoImages(errors);
        }
        String message = text(output.get("message"));
        if (message != null && !message.isBlank()) {
            return new Images(List.of(OutputImage.fromLegacyMessage(message)), errors);
        }
        return new Other(output);
    }

    private static List<Text> append(List<Text> list, Text item) {
        List<Text> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            return List.of(n.isValueNode() ? n.asText() : n.toString());
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.isValueNode() ? e.asText() : e.toString()));
        return out;
    }
}
