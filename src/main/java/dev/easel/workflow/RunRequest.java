package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Text;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@code input} object worker-comfyui takes: the workflow, and the images of its LoadImage nodes under
 * names unique to the job (warm workers keep files, so a reused name could feed the wrong picture).
 */
public final class RunRequest {

    /** Runpod's limit on a /run body. */
    public static final long RUN_LIMIT_BYTES = 10_000_000L;

    private RunRequest() {
    }

    /**
     * @param workflow the graph as the user sees it
     * @param images   LoadImage node id → image bytes to send for it
     * @param jobTag   a short tag unique to the job, e.g. the first 8 characters of a UUID
     */
    public static ObjectNode input(Workflow workflow, Map<String, byte[]> images, String jobTag) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String nodeId : images.keySet()) {
            String ext = switch (ImageType.detect(images.get(nodeId))) {
                case JPEG -> "jpg";
                case WEBP -> "webp";
                default -> "png";
            };
            names.put(nodeId, ("easel_" + jobTag + "_" + nodeId).replaceAll("[^A-Za-z0-9_-]", "_")
                    .toLowerCase(Locale.ROOT) + "." + ext);
        }
        Workflow sent = names.isEmpty() ? workflow
                : workflow.edit(e -> names.forEach((node, name) -> e.set(node, "image", name)));
        ObjectNode input = WorkflowJson.MAPPER.createObjectNode();
        input.set("workflow", sent.toJson());
        if (!names.isEmpty()) {
            ArrayNode list = input.putArray("images");
            names.forEach((node, name) -> list.addObject().put("name", name)
                    .put("image", Base64.getEncoder().encodeToString(images.get(node))));
        }
        return input;
    }

    /** The full request body, {@code {"input":…}}. */
    public static ObjectNode body(ObjectNode input) {
        ObjectNode body = WorkflowJson.MAPPER.createObjectNode();
        body.set("input", input);
        return body;
    }

    /** The size the body will have on the wire. */
    public static long size(ObjectNode input) {
        return WorkflowJson.bytes(body(input)).length;
    }

    /** Throws when the request would be over Runpod's /run limit, saying by how much and what to do. */
    public static void checkSize(ObjectNode input) throws WorkflowException {
        long size = size(input);
        if (size > RUN_LIMIT_BYTES) {
            throw new WorkflowException(Text.of("workflow.requestTooLarge", size / 1e6));
        }
    }

    /** The body as the JSON panel shows it: image data abbreviated so the graph stays readable. */
    public static ObjectNode preview(ObjectNode input) {
        ObjectNode copy = input.deepCopy();
        JsonNode images = copy.get("images");
        if (images != null && images.isArray()) {
            for (JsonNode img : images) {
                if (img instanceof ObjectNode o && o.path("image").isTextual()) {
                    int chars = o.path("image").asText().length();
                    o.put("image", String.format(Locale.ROOT, "<%.1f KB of base64>", chars / 1024.0));
                }
            }
        }
        return body(copy);
    }

    /** The tutorial's curl command for this body against an endpoint; the key stays a shell variable. */
    public static String curl(String baseUrl, String endpointId, ObjectNode input) {
        String json = WorkflowJson.compact(body(input)).replace("'", "'\\''");
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return "curl -X POST " + base + "/" + endpointId + "/run \\\n"
                + "  -H 'Content-Type: application/json' \\\n"
                + "  -H \"Authorization: Bearer $RUNPOD_API_KEY\" \\\n"
                + "  -d '" + json + "'";
    }
}
