package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The model files a workflow loads, by loader input: {@code ckpt_name → [flux1-dev-fp8.safetensors]}. */
public final class ModelFiles {

    /** The loader inputs that name a model file. */
    private static final Pattern MODEL_INPUT =
            Pattern.compile("ckpt_name|unet_name|vae_name|clip_name\\d?|lora_name|model_name");

    private ModelFiles() {
    }

    public static Map<String, Set<String>> of(Workflow wf) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Workflow.Node n : wf.nodes()) {
            n.inputs().properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (v.isTextual() && MODEL_INPUT.matcher(e.getKey()).matches()) {
                    out.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(v.asText());
                }
            });
        }
        return out;
    }

    /** The checkpoint files a workflow loads (the inputs a worker's "not in list" failure names). */
    public static List<String> checkpoints(Workflow wf) {
        Map<String, Set<String>> all = of(wf);
        List<String> out = new ArrayList<>(all.getOrDefault("ckpt_name", Set.of()));
        out.addAll(all.getOrDefault("unet_name", Set.of()));
        return out;
    }

    /**
     * What an endpoint whose checkpoints are known ({@code checkpoints}, empty when unknown) makes of a workflow: null
     * when it can't tell (no list, or the workflow loads no checkpoint), "" when it has every checkpoint the workflow
     * loads, else the first one it lacks.
     */
    public static String missingCheckpoint(Workflow wf, List<String> checkpoints) {
        Set<String> uses = of(wf).get("ckpt_name");
        if (checkpoints.isEmpty() || uses == null) {
            return null;
        }
        return uses.stream().filter(f -> !checkpoints.contains(f)).findFirst().orElse("");
    }
}
