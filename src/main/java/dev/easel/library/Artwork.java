package dev.easel.library;

import dev.easel.workflow.Parameter;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** One saved result: the file on disk and what made it. */
public record Artwork(long id, long jobId, Path file, int width, int height, long bytes, String prompt,
                      String negativePrompt, Long seed, String paramsJson, String templateId, String endpoint,
                      String runpodId, Duration delay, Duration execution, double cost, Instant created,
                      boolean favourite) {

    /** The A1111 {@code parameters} text of this image, written from what the library knows of it. */
    public String parameters() {
        Map<Parameter, Object> values =
                new EnumMap<>(Parameter.class);
        try {
            var p = WorkflowJson.parse(paramsJson);
            for (var k : Parameter.values()) {
                var v = p.get(k.key());
                if (v != null && !v.isNull()) {
                    values.put(k, v.isNumber() ? v.numberValue() : v.asText());
                }
            }
        } catch (WorkflowException e) {
            // no parameters known: the prompt alone
        }
        values.putIfAbsent(Parameter.PROMPT, prompt);
        if (!negativePrompt.isEmpty()) {
            values.putIfAbsent(Parameter.NEGATIVE_PROMPT, negativePrompt);
        }
        return A1111Parameters.format(values);
    }

    /** The parameter values the library knows of this image, as text, in the parameters' order; none when unknown. */
    public Map<Parameter, String> values() {
        Map<Parameter, String> values = new EnumMap<>(Parameter.class);
        try {
            var p = WorkflowJson.parse(paramsJson);
            for (var k : Parameter.values()) {
                var v = p.get(k.key());
                if (v != null && !v.isNull()) {
                    values.put(k, v.asText());
                }
            }
        } catch (WorkflowException e) {
            // none known
        }
        return values;
    }
}
