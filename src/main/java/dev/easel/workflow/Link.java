package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Optional;

/** An input wired to another node's output: {@code ["<node id>", <output index>]} in API format. */
public record Link(String nodeId, int slot) {

    /** The link an input value holds, if it is one. */
    public static Optional<Link> of(JsonNode value) {
        if (value != null && value.isArray() && value.size() == 2 && (value.get(0).isTextual() || value.get(0).isIntegralNumber())
                && value.get(1).isIntegralNumber()) {
            return Optional.of(new Link(value.get(0).asText(), value.get(1).asInt()));
        }
        return Optional.empty();
    }

    public ArrayNode toJson() {
        ArrayNode a = WorkflowJson.MAPPER.createArrayNode();
        a.add(nodeId);
        a.add(slot);
        return a;
    }
}
