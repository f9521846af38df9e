package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.RunPolicy;
import dev.easel.workflow.Parameter;

import java.util.Map;

/**
 * What to run: the worker's {@code input} (workflow and images, as built by {@code RunRequest}), the parameter
 * values for display and metadata, and where it came from.
 */
public record JobSpec(ObjectNode input, JsonNode uiGraph, Map<Parameter, Object> params, String templateId,
                      RunPolicy policy) {

    public String prompt() {
        Object p = params.get(Parameter.PROMPT);
        return p == null ? "" : p.toString();
    }

    public Long seed() {
        return params.get(Parameter.SEED) instanceof Number n ? n.longValue() : null;
    }
}
