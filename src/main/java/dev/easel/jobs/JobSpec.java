package dev.easel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.RunPolicy;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * What to run: the worker's {@code input} (workflow and images, as built by {@code RunRequest}), the parameter
 * values for display and metadata, and where it came from.
 */
public record JobSpec(ObjectNode input, JsonNode uiGraph, Map<Parameter, Object> params, String templateId,
                      String importedFrom, RunPolicy policy) {

    /** Runpod starts no worker for the job: it waits for one that is up (no cold start is paid for it). */
    public static final RunPolicy LOW_PRIORITY = new RunPolicy(null, null, true);

    /** The longest file name kept as where a graph came from. */
    private static final int MAX_SOURCE_NAME = 120;

    /**
     * @param templateId   the template the graph is (edited or not), or null
     * @param importedFrom the name of the file or picture the graph was imported from, or null; kept as one line of
     *                     at most 120 characters
     */
    public JobSpec {
        importedFrom = sourceName(importedFrom);
    }

    /** A job from a template, or of a graph whose origin is unknown. */
    public JobSpec(ObjectNode input, JsonNode uiGraph, Map<Parameter, Object> params, String templateId,
                   RunPolicy policy) {
        this(input, uiGraph, params, templateId, null, policy);
    }

    /** Whether Runpod is asked to start no worker for it. */
    public boolean lowPriority() {
        return policy != null && Boolean.TRUE.equals(policy.lowPriority());
    }

    /** The same job, sent with low priority or not. */
    public JobSpec withLowPriority(boolean low) {
        return new JobSpec(input, uiGraph, params, templateId, importedFrom, low ? LOW_PRIORITY : RunPolicy.DEFAULT);
    }

    /** A file name as one printable line, at most 120 characters; null for none. */
    static String sourceName(String name) {
        if (name == null) {
            return null;
        }
        String line = name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]", " ")
                .strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() <= MAX_SOURCE_NAME ? line : line.substring(0, MAX_SOURCE_NAME - 1) + "…";
    }

    /** Where the graph came from, as a saved picture's {@code easel} metadata says it: "imported: holiday.png". */
    public String source() {
        return importedFrom != null ? "imported: " + importedFrom : templateId != null ? "template: " + templateId : null;
    }

    /**
     * The spec of one job of {@code workflow}: the worker's input (with {@code images} for its LoadImage nodes under
     * names unique to the job), and the values of the parameters {@code bindings} find, for display and metadata.
     *
     * @throws dev.easel.workflow.WorkflowException when the request would be over Runpod's size limit
     */
    public static JobSpec of(Workflow workflow, Bindings bindings,
                             Map<String, byte[]> images, JsonNode uiGraph, String templateId,
                             String importedFrom) throws WorkflowException {
        ObjectNode input = RunRequest.input(workflow, images,
                UUID.randomUUID().toString().substring(0, 8));
        RunRequest.checkSize(input);
        Map<Parameter, Object> values = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            bindings.value(workflow, p).ifPresent(v -> values.put(p, v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.decimalValue() : v.asText()));
        }
        return new JobSpec(input, uiGraph, values, templateId, importedFrom, RunPolicy.DEFAULT);
    }

    public String prompt() {
        Object p = params.get(Parameter.PROMPT);
        return p == null ? "" : p.toString();
    }

    public Long seed() {
        return params.get(Parameter.SEED) instanceof Number n ? n.longValue() : null;
    }
}
