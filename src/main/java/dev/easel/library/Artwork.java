package dev.easel.library;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** One saved result: the file on disk and what made it. */
public record Artwork(long id, long jobId, Path file, int width, int height, long bytes, String prompt,
                      String negativePrompt, Long seed, String paramsJson, String templateId, String endpoint,
                      String runpodId, Duration delay, Duration execution, double cost, Instant created,
                      boolean favourite) {

    /** The A1111 {@code parameters} text of this image, written from what the library knows of it. */
    public String parameters() {
        java.util.Map<dev.easel.workflow.Parameter, Object> values =
                new java.util.EnumMap<>(dev.easel.workflow.Parameter.class);
        try {
            var p = dev.easel.workflow.WorkflowJson.parse(paramsJson);
            for (var k : dev.easel.workflow.Parameter.values()) {
                var v = p.get(k.key());
                if (v != null && !v.isNull()) {
                    values.put(k, v.isNumber() ? v.numberValue() : v.asText());
                }
            }
        } catch (dev.easel.workflow.WorkflowException e) {
            // no parameters known: the prompt alone
        }
        values.putIfAbsent(dev.easel.workflow.Parameter.PROMPT, prompt);
        if (!negativePrompt.isEmpty()) {
            values.putIfAbsent(dev.easel.workflow.Parameter.NEGATIVE_PROMPT, negativePrompt);
        }
        return A1111Parameters.format(values);
    }
}
