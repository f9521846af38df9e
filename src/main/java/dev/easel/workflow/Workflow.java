package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Text;
import java.util.Locale;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A ComfyUI graph in API format. Immutable: edits return a new workflow. Everything not edited survives
 * exactly: node ids, key order, {@code _meta}, unknown node types and inputs.
 */
public final class Workflow {

    private final ObjectNode graph;

    private Workflow(ObjectNode graph) {
        this.graph = graph;
    }

    /** Wraps a copy of an API-format graph. */
    public static Workflow of(ObjectNode apiGraph) {
        return new Workflow(apiGraph.deepCopy());
    }

    /** Parses API-format text (not a request body, not UI format: see {@link WorkflowImporter} for those). */
    public static Workflow parse(String json) throws WorkflowException {
        JsonNode n = WorkflowJson.parse(json);
        if (!n.isObject()) {
            throw new WorkflowException(Text.of("workflow.notObject", n.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return new Workflow((ObjectNode) n);
    }

    /** A copy of the graph as JSON. */
    public ObjectNode toJson() {
        return graph.deepCopy();
    }

    /** The graph's JSON, read-only by contract: callers must not change it. Saves a copy on hot paths. */
    JsonNode view() {
        return graph;
    }

    public int size() {
        return graph.size();
    }

    /** Node ids in file order. */
    public List<String> nodeIds() {
        List<String> ids = new ArrayList<>(graph.size());
        graph.fieldNames().forEachRemaining(ids::add);
        return Collections.unmodifiableList(ids);
    }

    public Optional<Node> node(String id) {
        JsonNode n = graph.get(id);
        return n != null && n.isObject() ? Optional.of(new Node(id, (ObjectNode) n)) : Optional.empty();
    }

    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>(graph.size());
        for (Map.Entry<String, JsonNode> e : graph.properties()) {
            if (e.getValue().isObject()) {
                nodes.add(new Node(e.getKey(), (ObjectNode) e.getValue()));
            }
        }
        return nodes;
    }

    /** A literal input value of a node, if the node and input exist and it is not a link. */
    public Optional<JsonNode> value(String nodeId, String input) {
        JsonNode v = graph.path(nodeId).path("inputs").get(input);
        return v == null || Link.of(v).isPresent() ? Optional.empty() : Optional.of(v);
    }

    /** A copy with some inputs changed. */
    public Workflow edit(Consumer<Editor> changes) {
        ObjectNode copy = graph.deepCopy();
        changes.accept(new Editor(copy));
        return new Workflow(copy);
    }

    /** Changes inputs of an edit in progress; unknown nodes are ignored, never created. */
    public static final class Editor {
        private final ObjectNode graph;

        private Editor(ObjectNode graph) {
            this.graph = graph;
        }

        public Editor set(String nodeId, String input, JsonNode value) {
            JsonNode node = graph.get(nodeId);
            if (node instanceof ObjectNode o) {
                JsonNode inputs = o.get("inputs");
                if (inputs instanceof ObjectNode in) {
                    in.set(input, value);
                } else {
                    o.putObject("inputs").set(input, value);
                }
            }
            return this;
        }

        public Editor set(String nodeId, String input, String value) {
            return set(nodeId, input, WorkflowJson.MAPPER.getNodeFactory().textNode(value));
        }

        public Editor set(String nodeId, String input, long value) {
            return set(nodeId, input, WorkflowJson.MAPPER.getNodeFactory().numberNode(value));
        }

        public Editor set(String nodeId, String input, BigDecimal value) {
            return set(nodeId, input, WorkflowJson.MAPPER.getNodeFactory().numberNode(value));
        }
    }

    /** A view of one node. */
    public record Node(String id, ObjectNode json) {
        public String classType() {
            return json.path("class_type").asText("");
        }

        public JsonNode inputs() {
            return json.path("inputs");
        }

        public Optional<Link> link(String input) {
            return Link.of(inputs().get(input));
        }

        public String title() {
            return json.path("_meta").path("title").asText(classType());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Workflow w && WorkflowJson.sameJson(w.graph, graph);
    }

    @Override
    public int hashCode() {
        return nodeIds().hashCode();
    }

    @Override
    public String toString() {
        return "Workflow[" + graph.size() + " nodes]";
    }
}
