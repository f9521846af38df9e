package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts ComfyUI editor files ("Save", UI format) to API format for core nodes, using their known widget
 * order: muted nodes are dropped, bypassed ones spliced out, reroutes and primitive nodes resolved.
 */
public final class UiConverter {

    /** What came out: the API graph and what was done to get it. */
    public record Result(Workflow workflow, List<Text> notes) { }

    private static final int MODE_MUTED = 2;
    private static final int MODE_BYPASSED = 4;
    private static final Set<String> SEED_CONTROLS = Set.of("fixed", "increment", "decrement", "randomize");

    /** A link of the UI graph: from (node, slot) to (node, slot), with its type. */
    private record UiLink(int id, String from, int fromSlot, String to, int toSlot, String type) { }

    /** A resolved input: either a link to a real node's output, or a literal from a primitive node. */
    private record Source(Link link, JsonNode literal) { }

    private final Map<String, JsonNode> nodes = new HashMap<>();
    private final Map<Integer, UiLink> links = new HashMap<>();

    private UiConverter(JsonNode ui) {
        for (JsonNode n : ui.path("nodes")) {
            nodes.put(n.path("id").asText(), n);
        }
        for (JsonNode l : ui.path("links")) {
            UiLink link = l.isArray()
                    ? new UiLink(l.path(0).asInt(), l.path(1).asText(), l.path(2).asInt(), l.path(3).asText(),
                            l.path(4).asInt(), l.path(5).asText(""))
                    : new UiLink(l.path("id").asInt(), l.path("origin_id").asText(), l.path("origin_slot").asInt(),
                            l.path("target_id").asText(), l.path("target_slot").asInt(), l.path("type").asText(""));
            links.put(link.id(), link);
        }
    }

    /** Converts a UI-format graph; names the nodes it cannot convert. */
    public static Result convert(JsonNode ui) throws WorkflowException {
        if (WorkflowFormat.detect(ui) != WorkflowFormat.UI) {
            throw new WorkflowException(Text.of("workflow.editor.notEditor"));
        }
        return new UiConverter(ui).run();
    }

    private Result run() throws WorkflowException {
        ObjectNode api = WorkflowJson.MAPPER.createObjectNode();
        Set<String> unconvertible = new LinkedHashSet<>();
        int muted = 0;
        int bypassed = 0;
        int resolved = 0;
        List<JsonNode> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingLong(n -> idOrder(n.path("id").asText())));
        for (JsonNode n : ordered) {
            String type = n.path("type").asText("");
            int mode = n.path("mode").asInt(0);
            if (NodeCatalog.UI_ONLY.contains(type)) {
                resolved += type.equals("Reroute") || type.startsWith("Primitive") ? 1 : 0;
                continue;
            }
            if (mode == MODE_MUTED) {
                muted++;
                continue;
            }
            if (mode == MODE_BYPASSED) {
                bypassed++;
                continue;
            }
            Optional<ObjectNode> converted = convertNode(n, type);
            if (converted.isEmpty()) {
                unconvertible.add(type + " (node " + n.path("id").asText() + ")");
                continue;
            }
            api.set(n.path("id").asText(), converted.get());
        }
        if (!unconvertible.isEmpty()) {
            throw new WorkflowException(Text.of("workflow.editor.unconvertible", String.join(", ", unconvertible)));
        }
        List<Text> notes = new ArrayList<>();
        notes.add(Text.of("workflow.editor.converted", api.size()));
        if (muted > 0) {
            notes.add(Text.of("workflow.editor.muted", muted));
        }
        if (bypassed > 0) {
            notes.add(Text.of("workflow.editor.bypassed", bypassed));
        }
        if (resolved > 0) {
            notes.add(Text.of("workflow.editor.resolved", resolved));
        }
        return new Result(Workflow.of(api), notes);
    }

    private static long idOrder(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private Optional<ObjectNode> convertNode(JsonNode n, String type) {
        Optional<NodeSpec> spec = NodeCatalog.spec(type);
        JsonNode widgetValues = n.path("widgets_values");
        if (spec.isEmpty() && widgetValues.isArray() && !widgetValues.isEmpty()) {
            return Optional.empty(); // a custom node with widgets: their order is unknown
        }
        if (widgetValues.isObject()) {
            return Optional.empty(); // some custom nodes store named widgets; not a core shape
        }
        Map<String, JsonNode> uiInputs = new HashMap<>();
        for (JsonNode in : n.path("inputs")) {
            uiInputs.put(in.path("name").asText(), in);
            if (in.path("widget").has("name")) {
                uiInputs.put(in.path("widget").path("name").asText(), in);
            }
        }
        ObjectNode node = WorkflowJson.MAPPER.createObjectNode();
        ObjectNode inputs = node.putObject("inputs");
        if (spec.isEmpty()) {
            for (JsonNode in : n.path("inputs")) {
                source(in).ifPresent(s -> put(inputs, in.path("name").asText(), s));
            }
        } else {
            int w = 0;
            for (NodeSpec.Input in : spec.get().inputs()) {
                JsonNode ui = uiInputs.get(in.name());
                Optional<Source> linked = ui == null ? Optional.empty() : source(ui);
                if (in.isWidget()) {
                    JsonNode value = w < widgetValues.size() ? widgetValues.get(w) : null;
                    w++;
                    if (in.seedControl() && w < widgetValues.size() && widgetValues.get(w).isTextual()
                            && SEED_CONTROLS.contains(widgetValues.get(w).asText())) {
                        w++; // control_after_generate: UI only
                    }
                    if (linked.isPresent()) {
                        put(inputs, in.name(), linked.get());
                    } else if (value != null) {
                        inputs.set(in.name(), value);
                    } else if (!in.optional()) {
                        return Optional.empty();
                    }
                } else {
                    linked.ifPresent(s -> put(inputs, in.name(), s));
                }
            }
        }
        node.put("class_type", type);
        ObjectNode meta = node.putObject("_meta");
        meta.put("title", n.path("title").asText(type));
        return Optional.of(node);
    }

    private static void put(ObjectNode inputs, String name, Source s) {
        inputs.set(name, s.link() != null ? s.link().toJson() : s.literal());
    }

    /** What a UI input is connected to, after reroutes, bypassed and muted nodes, and primitives. */
    private Optional<Source> source(JsonNode uiInput) {
        JsonNode linkId = uiInput.get("link");
        if (linkId == null || linkId.isNull()) {
            return Optional.empty();
        }
        UiLink l = links.get(linkId.asInt());
        Set<Integer> seen = new HashSet<>();
        while (l != null && seen.add(l.id())) {
            JsonNode from = nodes.get(l.from());
            if (from == null) {
                return Optional.empty();
            }
            String type = from.path("type").asText("");
            int mode = from.path("mode").asInt(0);
            if (type.equals("Reroute")) {
                l = linkOf(from.path("inputs").path(0));
            } else if (type.startsWith("Primitive")) {
                JsonNode values = from.path("widgets_values");
                return values.isArray() && !values.isEmpty() ? Optional.of(new Source(null, values.get(0)))
                        : Optional.empty();
            } else if (mode == MODE_MUTED) {
                return Optional.empty();
            } else if (mode == MODE_BYPASSED) {
                l = passThrough(from, l);
            } else {
                return Optional.of(new Source(new Link(l.from(), l.fromSlot()), null));
            }
        }
        return Optional.empty();
    }

    /** A bypassed node hands on the input of the same type as the output it was asked for. */
    private UiLink passThrough(JsonNode bypassed, UiLink asked) {
        String wanted = asked.type();
        for (JsonNode in : bypassed.path("inputs")) {
            if (in.path("type").asText("").equals(wanted) && in.hasNonNull("link")) {
                return linkOf(in);
            }
        }
        return null;
    }

    private UiLink linkOf(JsonNode uiInput) {
        JsonNode id = uiInput.get("link");
        return id == null || id.isNull() ? null : links.get(id.asInt());
    }

    /**
     * The editor graph with its widget values brought in line with an API graph made from it (the prompt, seed and
     * steps a job really used), so ComfyUI, which loads a PNG's {@code workflow} before its {@code prompt}, shows
     * what made the picture. Empty when the two graphs don't match node for node (the API graph was edited, a
     * custom node's widgets are unknown): then no editor graph is better than a wrong one.
     */
    public static Optional<JsonNode> syncWidgets(JsonNode ui, Workflow api) {
        if (ui == null || WorkflowFormat.detect(ui) != WorkflowFormat.UI) {
            return Optional.empty();
        }
        JsonNode copy = ui.deepCopy();
        UiConverter c = new UiConverter(copy);
        ObjectNode graph = api.toJson();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : c.nodes.values()) {
            String type = n.path("type").asText("");
            int mode = n.path("mode").asInt(0);
            if (NodeCatalog.UI_ONLY.contains(type) || mode == MODE_MUTED || mode == MODE_BYPASSED) {
                continue;
            }
            String id = n.path("id").asText();
            JsonNode apiNode = graph.get(id);
            if (apiNode == null || !apiNode.path("class_type").asText().equals(type)) {
                return Optional.empty();
            }
            seen.add(id);
            if (!c.syncNode((ObjectNode) n, type, apiNode.path("inputs"))) {
                return Optional.empty();
            }
        }
        var ids = graph.fieldNames();
        while (ids.hasNext()) {
            if (!seen.contains(ids.next())) {
                return Optional.empty(); // a node the editor graph lacks
            }
        }
        return Optional.of(copy);
    }

    private boolean syncNode(ObjectNode n, String type, JsonNode apiInputs) {
        Optional<NodeSpec> spec = NodeCatalog.spec(type);
        JsonNode widgetValues = n.path("widgets_values");
        if (spec.isEmpty()) {
            // a custom node: fine when it has no widgets, unknown (so no sync) when it has some
            return widgetValues.isMissingNode() || widgetValues.isNull() || widgetValues.isArray() && widgetValues.isEmpty();
        }
        if (!widgetValues.isArray()) {
            return !spec.get().inputs().stream().anyMatch(NodeSpec.Input::isWidget);
        }
        ArrayNode values = (ArrayNode) widgetValues;
        Map<String, JsonNode> uiInputs = new HashMap<>();
        for (JsonNode in : n.path("inputs")) {
            uiInputs.put(in.path("name").asText(), in);
            if (in.path("widget").has("name")) {
                uiInputs.put(in.path("widget").path("name").asText(), in);
            }
        }
        int w = 0;
        for (NodeSpec.Input in : spec.get().inputs()) {
            if (!in.isWidget()) {
                continue;
            }
            int at = w;
            w++;
            if (in.seedControl() && w < values.size() && values.get(w).isTextual()
                    && SEED_CONTROLS.contains(values.get(w).asText())) {
                w++;
            }
            JsonNode value = apiInputs.get(in.name());
            if (value == null || value.isArray()) {
                continue; // absent, or linked in the API graph: the editor's link stands
            }
            JsonNode ui = uiInputs.get(in.name());
            UiLink link = ui == null ? null : linkOf(ui);
            if (link != null) {
                JsonNode from = nodes.get(link.from());
                if (from == null || !from.path("type").asText("").startsWith("Primitive")
                        || !from.path("widgets_values").isArray() || from.path("widgets_values").isEmpty()) {
                    return false;
                }
                ((ArrayNode) from.path("widgets_values")).set(0, value);
            } else if (at < values.size()) {
                values.set(at, value);
            } else {
                return false;
            }
        }
        return true;
    }
}
