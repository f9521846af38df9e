package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters found in one workflow and where they live. A parameter the graph lacks is absent, never invented.
 *
 * @param samplerNodeId the first-stage sampler the parameters belong to, or null
 * @param sizeStep      the step width and height must keep (8, or 16 for EmptySD3LatentImage; 1 for ImageScale)
 * @param followers     inputs that must follow a parameter (ModelSamplingFlux width/height follow the latent size)
 * @param loadImages    the LoadImage nodes' {@code image} inputs
 */
public record Bindings(Map<Parameter, Binding> bound, String samplerNodeId, int sizeStep,
                       Map<Parameter, List<Binding>> followers, List<Binding> loadImages) {

    public Bindings {
        bound = Collections.unmodifiableMap(enumMap(bound));
        followers = Collections.unmodifiableMap(enumMap(followers)); // EnumMap: a stable order for output
        loadImages = List.copyOf(loadImages);
    }

    private static <V> EnumMap<Parameter, V> enumMap(Map<Parameter, V> m) {
        EnumMap<Parameter, V> copy = new EnumMap<>(Parameter.class);
        copy.putAll(m);
        return copy;
    }

    public boolean has(Parameter p) {
        return bound.containsKey(p);
    }

    public Optional<Binding> get(Parameter p) {
        return Optional.ofNullable(bound.get(p));
    }

    /** The parameter's current value in {@code workflow}. */
    public Optional<JsonNode> value(Workflow workflow, Parameter p) {
        Binding b = bound.get(p);
        return b == null ? Optional.empty() : workflow.value(b.nodeId(), b.input());
    }

    /** A copy of {@code workflow} with the parameter (and its followers) set; an absent parameter changes nothing. */
    public Workflow set(Workflow workflow, Parameter p, JsonNode value) {
        Binding b = bound.get(p);
        if (b == null) {
            return workflow;
        }
        return workflow.edit(e -> {
            e.set(b.nodeId(), b.input(), value);
            for (Binding f : followers.getOrDefault(p, List.of())) {
                e.set(f.nodeId(), f.input(), value);
            }
        });
    }

    /** The bound parameters with their node, input and value, as {@code inspect} prints them. */
    public ObjectNode toJson(Workflow workflow) {
        ObjectNode out = WorkflowJson.MAPPER.createObjectNode();
        for (Map.Entry<Parameter, Binding> e : bound.entrySet()) {
            ObjectNode p = out.putObject(e.getKey().key());
            p.put("node", e.getValue().nodeId());
            p.put("input", e.getValue().input());
            p.set("value", value(workflow, e.getKey()).orElse(null));
        }
        if (!loadImages.isEmpty()) {
            ArrayNode images = out.putArray("load_images");
            for (Binding b : loadImages) {
                ObjectNode i = images.addObject();
                i.put("node", b.nodeId());
                i.set("value", workflow.value(b.nodeId(), b.input()).orElse(null));
            }
        }
        for (Map.Entry<Parameter, List<Binding>> f : followers.entrySet()) {
            ArrayNode list = out.putArray(f.getKey().key() + "_followers");
            f.getValue().forEach(b -> list.add(b.nodeId() + "." + b.input()));
        }
        if (samplerNodeId != null) {
            out.put("sampler_node", samplerNodeId);
        }
        if (has(Parameter.WIDTH)) {
            out.put("size_step", sizeStep);
        }
        return out;
    }
}
