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

    /**
     * The spec of one job of {@code workflow}: the worker's input (with {@code images} for its LoadImage nodes under
     * names unique to the job), and the values of the parameters {@code bindings} find, for display and metadata.
     *
     * @throws dev.easel.workflow.WorkflowException when the request would be over Runpod's size limit
     */
    public static JobSpec of(dev.easel.workflow.Workflow workflow, dev.easel.workflow.Bindings bindings,
                             Map<String, byte[]> images, JsonNode uiGraph, String templateId)
            throws dev.easel.workflow.WorkflowException {
        ObjectNode input = dev.easel.workflow.RunRequest.input(workflow, images,
                java.util.UUID.randomUUID().toString().substring(0, 8));
        dev.easel.workflow.RunRequest.checkSize(input);
        Map<Parameter, Object> values = new java.util.EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            bindings.value(workflow, p).ifPresent(v -> values.put(p, v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.decimalValue() : v.asText()));
        }
        return new JobSpec(input, uiGraph, values, templateId, RunPolicy.DEFAULT);
    }

    public String prompt() {
        Object p = params.get(Parameter.PROMPT);
        return p == null ? "" : p.toString();
    }

    public Long seed() {
        return params.get(Parameter.SEED) instanceof Number n ? n.longValue() : null;
    }
}
