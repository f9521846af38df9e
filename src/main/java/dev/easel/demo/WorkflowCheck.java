package dev.easel.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.workflow.NodeCatalog;
import dev.easel.workflow.NodeSpec;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a job's input the way worker-comfyui and ComfyUI behind it do, and words failures exactly as the worker
 * does ("Workflow validation failed:" with one bullet per node problem, "Available checkpoint models: …").
 */
final class WorkflowCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoModels models;

    WorkflowCheck(DemoModels models) {
        this.models = models;
    }

    /** Validates the worker's {@code input}; returns the FAILED error text, or null when the job can run. */
    String check(JsonNode input, Set<String> uploadedImages) {
        String error = checkInput(input);
        return error != null ? error : checkGraph(input.get("workflow"), uploadedImages);
    }

    /** The worker's own validate_input: input present, {@code workflow} present, {@code images} well formed. */
    String checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            return "Please provide input";
        }
        JsonNode workflow = input.get("workflow");
        if (workflow == null || workflow.isNull()) {
            return "Missing 'workflow' parameter";
        }
        JsonNode images = input.get("images");
        if (images != null && !images.isNull()) {
            boolean ok = images.isArray();
            if (ok) {
                for (JsonNode img : images) {
                    ok &= img.isObject() && img.has("name") && img.has("image");
                }
            }
            if (!ok) {
                return "'images' must be a list of objects with 'name' and 'image' keys";
            }
        }
        return null;
    }

    /** ComfyUI's validation of the graph, worded as the worker reports it. */
    String checkGraph(JsonNode prompt, Set<String> uploaded) {
        if (!prompt.isObject()) {
            return invalidPrompt("Cannot execute because a node is missing the class_type property.", "Node ID '#0'");
        }
        List<String> outputs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : prompt.properties()) {
            JsonNode node = e.getValue();
            if (!node.isObject() || !node.has("class_type")) {
                return invalidPrompt("Cannot execute because a node is missing the class_type property.",
                        "Node ID '#" + e.getKey() + "'");
            }
            String type = node.path("class_type").asText();
            NodeSpec spec = NodeCatalog.spec(type).orElse(null);
            if (spec == null) {
                return invalidPrompt("Cannot execute because node " + type + " does not exist.",
                        "Node ID '#" + e.getKey() + "'");
            }
            if (spec.outputNode()) {
                outputs.add(e.getKey());
            }
        }
        if (outputs.isEmpty()) {
            return "Prompt has no outputs. Raw response: " + rawError("prompt_no_outputs", "Prompt has no outputs", "")
                    .replace("\"node_errors\": {}", "\"node_errors\": []");
        }
        Map<String, List<Map<String, Object>>> errors = new LinkedHashMap<>();
        Map<String, Boolean> validated = new HashMap<>();
        for (String out : outputs) {
            validate(prompt, out, uploaded, validated, errors);
        }
        Map<String, List<String>> dependents = new HashMap<>();
        for (String out : outputs) {
            for (String failed : reachable(prompt, out)) {
                if (errors.containsKey(failed)) {
                    dependents.computeIfAbsent(failed, k -> new ArrayList<>()).add(out);
                }
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("Workflow validation failed:");
        boolean missingCheckpoint = false;
        for (Map.Entry<String, List<Map<String, Object>>> e : errors.entrySet()) {
            String id = e.getKey();
            sb.append("\n• Node ").append(id).append(" (errors): ").append(PyRepr.of(e.getValue()));
            sb.append("\n• Node ").append(id).append(" (dependent_outputs): ")
                    .append(PyRepr.of(dependents.getOrDefault(id, List.of())));
            sb.append("\n• Node ").append(id).append(" (class_type): ").append(prompt.get(id).path("class_type").asText());
            for (Map<String, Object> err : e.getValue()) {
                missingCheckpoint |= "value_not_in_list".equals(err.get("type"))
                        && String.valueOf(err.get("details")).startsWith("ckpt_name");
            }
        }
        if (missingCheckpoint) {
            List<String> ckpts = models.in("checkpoints");
            sb.append(ckpts.isEmpty()
                    ? "\n\nNo checkpoint models appear to be available. Please check your model installation."
                    : "\n\nAvailable checkpoint models: " + String.join(", ", ckpts));
        }
        return sb.toString();
    }

    /** ComfyUI's validate_inputs: true when the node and everything it links to is valid. */
    private boolean validate(JsonNode prompt, String id, Set<String> uploaded, Map<String, Boolean> validated,
                             Map<String, List<Map<String, Object>>> errors) {
        Boolean known = validated.get(id);
        if (known != null) {
            return known;
        }
        validated.put(id, true); // breaks cycles; corrected below
        JsonNode node = prompt.get(id);
        NodeSpec spec = NodeCatalog.spec(node.path("class_type").asText()).orElseThrow();
        JsonNode inputs = node.path("inputs");
        List<Map<String, Object>> reasons = new ArrayList<>();
        boolean valid = true;
        for (NodeSpec.Input input : spec.inputs()) {
            String name = input.name();
            JsonNode v = inputs.get(name);
            if (v == null || v.isNull()) {
                if (!input.optional()) {
                    reasons.add(error("required_input_missing", "Required input is missing", name,
                            Map.of("input_name", name)));
                }
                continue;
            }
            if (v.isArray()) {
                String problem = linkProblem(prompt, v);
                if (problem != null) {
                    reasons.add(error("bad_linked_input", "Bad linked input, must be a length-2 list of "
                            + "[node_id, slot_index] that names an existing output", name + ": " + problem,
                            Map.of("input_name", name)));
                } else if (!validate(prompt, v.get(0).asText(), uploaded, validated, errors)) {
                    valid = false;
                }
                continue;
            }
            if (v.isNumber() && input.min() != null && v.asDouble() < input.min()) {
                reasons.add(error("value_smaller_than_min", "Value " + num(v) + " smaller than min of "
                        + num(input.min()), name, rangeInfo(name, input, v)));
            } else if (v.isNumber() && input.max() != null && v.asDouble() > input.max()) {
                reasons.add(error("value_bigger_than_max", "Value " + num(v) + " bigger than max of "
                        + num(input.max()), name, rangeInfo(name, input, v)));
            }
            String listKey = input.list();
            if (listKey != null) {
                String value = v.asText();
                if (listKey.equals("input")) {
                    if (!uploaded.contains(value)) {
                        reasons.add(error("custom_validation_failed", "Custom validation failed for node",
                                name + " - Invalid image file: " + value, Map.of()));
                    }
                } else {
                    List<String> allowed = values(listKey);
                    if (allowed != null && !allowed.contains(value)) {
                        String listInfo = allowed.size() > 20 ? "(list of length " + allowed.size() + ")"
                                : PyRepr.of(allowed);
                        // as ComfyUI writes it: a model list is shown with its options, a sampler list is not
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("input_name", name);
                        extra.put("input_config", listKey.equals("samplers") || listKey.equals("schedulers") ? null
                                : Arrays.asList(allowed, Map.of()));
                        extra.put("received_value", value);
                        reasons.add(error("value_not_in_list", "Value not in list",
                                name + ": " + PyRepr.str(value) + " not in " + listInfo, extra));
                    }
                }
            }
        }
        if (!reasons.isEmpty()) {
            errors.put(id, reasons);
            valid = false;
        }
        validated.put(id, valid);
        return valid;
    }

    /** Every node an output depends on, itself included. */
    private static Set<String> reachable(JsonNode prompt, String from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            JsonNode node = prompt.get(id);
            if (node == null || !seen.add(id)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> in : node.path("inputs").properties()) {
                JsonNode v = in.getValue();
                if (v.isArray() && v.size() == 2) {
                    todo.push(v.get(0).asText());
                }
            }
        }
        return seen;
    }

    /** The values a combo accepts here, or null when the demo does not check that list. */
    private List<String> values(String key) {
        return switch (key) {
            case "samplers" -> NodeCatalog.SAMPLERS;
            case "schedulers" -> NodeCatalog.SCHEDULERS;
            case "checkpoints", "unet", "unet_gguf", "clip", "vae", "loras", "upscale_models" -> models.in(key);
            default -> null;
        };
    }

    private static String linkProblem(JsonNode prompt, JsonNode link) {
        if (link.size() != 2 || !link.get(1).canConvertToInt()) {
            return "not a [node_id, slot_index] pair";
        }
        String target = link.get(0).asText();
        JsonNode node = prompt.get(target);
        if (node == null) {
            return "node '" + target + "' does not exist";
        }
        NodeSpec spec = NodeCatalog.spec(node.path("class_type").asText()).orElse(null);
        int slot = link.get(1).asInt();
        if (spec != null && (slot < 0 || slot >= spec.outputs().size())) {
            return "node '" + target + "' (" + node.path("class_type").asText() + ") has no output " + slot;
        }
        return null;
    }

    /** ComfyUI's extra_info of a number out of range: the input, its type and bounds, and what came. */
    private static Map<String, Object> rangeInfo(String name, NodeSpec.Input input, JsonNode v) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (input.min() != null) {
            config.put("min", pyNumber(input.min(), input.type()));
        }
        if (input.max() != null) {
            config.put("max", pyNumber(input.max(), input.type()));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("input_name", name);
        extra.put("input_config", Arrays.asList(input.type(), config));
        extra.put("received_value", v.isIntegralNumber() ? (Object) v.bigIntegerValue() : (Object) v.doubleValue());
        return extra;
    }

    private static Object pyNumber(double d, String type) {
        return type.equals("INT") ? (Object) new BigDecimal(d).toBigInteger() : (Object) d;
    }

    private static Map<String, Object> error(String type, String message, String details, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("message", message);
        m.put("details", details);
        m.put("extra_info", extra);
        return m;
    }

    private static String num(JsonNode v) {
        return v.isIntegralNumber() ? v.asText() : num(v.asDouble());
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The worker's text for a ComfyUI error without node details: message, then the raw 400 body. */
    private static String invalidPrompt(String message, String details) {
        return message + ". Raw response: " + rawError("invalid_prompt", message, details);
    }

    private static String rawError(String type, String message, String details) {
        return "{\"error\": {\"type\": " + q(type) + ", \"message\": " + q(message) + ", \"details\": " + q(details)
                + ", \"extra_info\": {}}, \"node_errors\": {}}";
    }

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
