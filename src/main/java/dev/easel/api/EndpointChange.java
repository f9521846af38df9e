package dev.easel.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code PATCH /v2/serverless/{id}} changes: only the fields given (null: unchanged). Workers' numbers take
 * effect promptly; Runpod never takes {@code type}, so this cannot send it.
 */
public record EndpointChange(String name, Integer workersMin, Integer workersMax, Integer idleTimeout) {

    public static EndpointChange workers(Integer min, Integer max) {
        return new EndpointChange(null, min, max, null);
    }

    public static EndpointChange renamed(String name) {
        return new EndpointChange(name, null, null, null);
    }

    public boolean isEmpty() {
        return name == null && workersMin == null && workersMax == null && idleTimeout == null;
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (name != null) {
            n.put("name", name);
        }
        if (workersMin != null || workersMax != null || idleTimeout != null) {
            ObjectNode w = n.putObject("workers");
            if (workersMin != null) {
                w.put("min", workersMin);
            }
            if (workersMax != null) {
                w.put("max", workersMax);
            }
            if (idleTimeout != null) {
                w.put("idleTimeout", idleTimeout);
            }
        }
        return n;
    }
}
