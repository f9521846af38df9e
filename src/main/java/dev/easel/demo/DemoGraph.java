package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the demo needs to "run" a valid API-format graph: the images each SaveImage node gets
 * (prompt, seed, steps, size, batch) and the sampling work that sets the execution time.
 */
final class DemoGraph {

    /** What reaches one image output. */
    record Frame(String prompt, long seed, int steps, int width, int height, int batch) {
        Frame withSize(int w, int h) {
            return new Frame(prompt, seed, steps, w, h, batch);
        }
    }

    /** One SaveImage node's images. */
    record Output(String nodeId, String prefix, Frame frame) { }

    /** @param samplingWork sum over samplers of steps × megapixels × batch */
    record Plan(List<Output> outputs, double samplingWork, Map<String, Integer> samplerSteps) {
        int imageCount() {
            return outputs.stream().mapToInt(o -> o.frame().batch()).sum();
        }

        /** The steps of the first sampler, for progress payloads. */
        int totalSteps() {
            return samplerSteps.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final Frame DEFAULT = new Frame("", 0, 20, 512, 512, 1);

    private final JsonNode workflow;
    private final Map<String, int[]> uploadedSizes;
    private final Map<String, Frame> samplers = new LinkedHashMap<>();
    private final Set<String> visiting = new HashSet<>();

    private DemoGraph(JsonNode workflow, Map<String, int[]> uploadedSizes) {
        this.workflow = workflow;
        this.uploadedSizes = uploadedSizes;
    }

    /** The plan of a graph that passed {@link WorkflowCheck}. */
    static Plan plan(JsonNode workflow, Map<String, int[]> uploadedSizes) {
        DemoGraph g = new DemoGraph(workflow, uploadedSizes);
        List<Output> outputs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : workflow.properties()) {
            if ("SaveImage".equals(e.getValue().path("class_type").asText())) {
                JsonNode inputs = e.getValue().path("inputs");
                String prefix = inputs.path("filename_prefix").asText("ComfyUI");
                outputs.add(new Output(e.getKey(), prefix, g.image(link(inputs.get("images")))));
            }
        }
        double work = 0;
        Map<String, Integer> steps = new LinkedHashMap<>();
        for (Map.Entry<String, Frame> s : g.samplers.entrySet()) {
            Frame f = s.getValue();
            work += f.steps() * (f.width() * (double) f.height() / 1e6) * f.batch();
            steps.put(s.getKey(), f.steps());
        }
        return new Plan(outputs, work, steps);
    }

    private JsonNode node(String id) {
        return id == null ? null : workflow.get(id);
    }

    private static String link(JsonNode v) {
        return v != null && v.isArray() && v.size() == 2 ? v.get(0).asText() : null;
    }

    private static int intOr(JsonNode inputs, String key, int fallback) {
        JsonNode v = inputs.get(key);
        return v != null && v.isNumber() ? (int) Math.min(Integer.MAX_VALUE, v.asLong()) : fallback;
    }

    private Frame image(String id) {
        JsonNode n = node(id);
        if (n == null || !visiting.add("i" + id)) {
            return DEFAULT;
        }
        try {
            JsonNode in = n.path("inputs");
            return switch (n.path("class_type").asText()) {
                case "VAEDecode" -> latent(link(in.get("samples")));
                case "ImageScale" -> image(link(in.get("image")))
                        .withSize(intOr(in, "width", 512), intOr(in, "height", 512));
                case "ImageScaleBy" -> scaled(image(link(in.get("image"))), in.path("scale_by").asDouble(1));
                case "LoadImage" -> {
                    int[] size = uploadedSizes.getOrDefault(in.path("image").asText(), new int[] {512, 512});
                    yield new Frame("", 0, 0, size[0], size[1], 1);
                }
                default -> firstLinked(in, true);
            };
        } finally {
            visiting.remove("i" + id);
        }
    }

    private Frame latent(String id) {
        JsonNode n = node(id);
        if (n == null || !visiting.add("l" + id)) {
            return DEFAULT;
        }
        try {
            JsonNode in = n.path("inputs");
            return switch (n.path("class_type").asText()) {
                case "EmptyLatentImage", "EmptySD3LatentImage" -> new Frame("", 0, 0, intOr(in, "width", 512),
                        intOr(in, "height", 512), Math.max(1, intOr(in, "batch_size", 1)));
                case "KSampler", "KSamplerAdvanced" -> sampled(id, latent(link(in.get("latent_image"))),
                        text(link(in.get("positive"))), seed(in), intOr(in, "steps", 20));
                case "SamplerCustomAdvanced" -> {
                    JsonNode noise = node(link(in.get("noise")));
                    JsonNode sigmas = node(link(in.get("sigmas")));
                    JsonNode guider = node(link(in.get("guider")));
                    long seed = noise == null ? 0 : seed(noise.path("inputs"));
                    int steps = sigmas == null ? 20 : intOr(sigmas.path("inputs"), "steps", 20);
                    String prompt = "";
                    if (guider != null) {
                        JsonNode g = guider.path("inputs");
                        prompt = text(link(g.has("conditioning") ? g.get("conditioning") : g.get("positive")));
                    }
                    yield sampled(id, latent(link(in.get("latent_image"))), prompt, seed, steps);
                }
                case "LatentUpscale" -> latent(link(in.get("samples")))
                        .withSize(intOr(in, "width", 512), intOr(in, "height", 512));
                case "LatentUpscaleBy" -> scaled(latent(link(in.get("samples"))), in.path("scale_by").asDouble(1));
                case "VAEEncode" -> image(link(in.get("pixels")));
                default -> firstLinked(in, false);
            };
        } finally {
            visiting.remove("l" + id);
        }
    }

    private Frame sampled(String id, Frame base, String prompt, long seed, int steps) {
        Frame f = new Frame(prompt.isEmpty() ? base.prompt() : prompt, seed, steps, base.width(), base.height(),
                base.batch());
        samplers.put(id, f);
        return f;
    }

    private static Frame scaled(Frame f, double by) {
        return f.withSize((int) Math.round(f.width() * by), (int) Math.round(f.height() * by));
    }

    private Frame firstLinked(JsonNode inputs, boolean asImage) {
        for (Map.Entry<String, JsonNode> e : inputs.properties()) {
            String l = link(e.getValue());
            if (l != null) {
                return asImage ? image(l) : latent(l);
            }
        }
        return DEFAULT;
    }

    private static long seed(JsonNode inputs) {
        JsonNode s = inputs.has("seed") ? inputs.get("seed") : inputs.get("noise_seed");
        return s != null && s.isNumber() ? s.asLong() : 0;
    }

    /** The prompt text behind a conditioning link, through guidance, combiners and the like. */
    private String text(String id) {
        JsonNode n = node(id);
        if (n == null || !visiting.add("t" + id)) {
            return "";
        }
        try {
            JsonNode in = n.path("inputs");
            switch (n.path("class_type").asText()) {
                case "CLIPTextEncode" -> {
                    return in.path("text").isTextual() ? in.path("text").asText() : "";
                }
                case "CLIPTextEncodeFlux" -> {
                    return in.path("t5xxl").asText(in.path("clip_l").asText(""));
                }
                default -> {
                    StringBuilder sb = new StringBuilder();
                    for (Map.Entry<String, JsonNode> e : in.properties()) {
                        String l = link(e.getValue());
                        if (l != null && e.getKey().startsWith("conditioning")) {
                            String t = text(l);
                            if (!t.isEmpty()) {
                                sb.append(sb.isEmpty() ? "" : ", ").append(t);
                            }
                        }
                    }
                    return sb.toString();
                }
            }
        } finally {
            visiting.remove("t" + id);
        }
    }
}
