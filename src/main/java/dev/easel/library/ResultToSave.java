package dev.easel.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.workflow.Parameter;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One image of a finished job, with everything its metadata needs.
 *
 * @param sentWorkflow the API workflow exactly as sent (with the real seed): ComfyUI's {@code prompt}
 * @param uiGraph      the editor graph when known: ComfyUI's {@code workflow}; else null
 * @param index        position in the job's output, to tell a batch apart
 * @param source       where the graph came from ("imported: holiday.png", "template: sdxl"), or null when unknown
 */
public record ResultToSave(long jobId, String runpodId, String endpointName, byte[] image, int index,
                           JsonNode sentWorkflow, JsonNode uiGraph, Map<Parameter, Object> params, String templateId,
                           String source, Duration delay, Duration execution, double cost, Instant created) {

    /** A result whose source is its template, when it has one. */
    public ResultToSave(long jobId, String runpodId, String endpointName, byte[] image, int index,
                        JsonNode sentWorkflow, JsonNode uiGraph, Map<Parameter, Object> params, String templateId,
                        Duration delay, Duration execution, double cost, Instant created) {
        this(jobId, runpodId, endpointName, image, index, sentWorkflow, uiGraph, params, templateId,
                templateId == null ? null : "template: " + templateId, delay, execution, cost, created);
    }
}
