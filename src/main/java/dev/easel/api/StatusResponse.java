package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code /status} (or {@code /runsync}) answer, typed.
 *
 * @param id            the job id
 * @param state         the parsed state; {@code rawStatus} keeps what the server said
 * @param delayTime     time spent in the queue, when reported
 * @param executionTime time spent running, when reported
 * @param workerId      the worker that ran it, when reported
 * @param output        the parsed output
 * @param error         the {@code error} string of a FAILED job, verbatim
 * @param raw           the whole body
 */
public record StatusResponse(String id, JobState state, String rawStatus, Duration delayTime, Duration executionTime,
                             String workerId, JobOutput output, String error, JsonNode raw) {

    /** Reads a status body; unknown fields are ignored, unknown states kept as {@link JobState#UNKNOWN}. */
    public static StatusResponse parse(JsonNode body) {
        String status = body.path("status").asText(null);
        return new StatusResponse(
                body.path("id").asText(null),
                JobState.parse(status),
                status,
                millis(body.get("delayTime")),
                millis(body.get("executionTime")),
                body.hasNonNull("workerId") ? body.get("workerId").asText() : null,
                JobOutput.parse(body.get("output")),
                body.hasNonNull("error") ? (body.get("error").isValueNode() ? body.get("error").asText()
                        : body.get("error").toString()) : null,
                body);
    }

    /**
     * worker-comfyui 5.x puts an execution error's words in {@code output.details} beside a plain
     * {@code "error": "Job processing failed"}: they are the reason, so they lead, and the detail keeps both.
     */
    private JobError withOutputDetails(JobError base) {
        if (raw == null || output instanceof JobOutput.LegacyError) {
            return base;
        }
        JsonNode details = raw.path("output").path("details");
        List<String> lines = new ArrayList<>();
        if (details.isArray()) {
            details.forEach(d -> lines.add(d.isValueNode() ? d.asText() : d.toString()));
        } else if (details.isTextual()) {
            lines.add(details.asText());
        }
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            return base;
        }
        boolean generic = error == null || error.isBlank() || error.strip().equalsIgnoreCase("Job processing failed");
        String all = String.join("\n", lines);
        return new JobError(generic ? JobError.summarize(lines.getFirst()) : base.summary(),
                base.detail().isBlank() ? all : base.detail() + "\n\n" + all);
    }

    private static Duration millis(JsonNode n) {
        return n == null || !n.isNumber() ? null : Duration.ofMillis(n.asLong());
    }

    /**
     * Deletes the temporary files of images {@link StatusReader} decoded while reading a large answer; call it once
     * the images are saved or the answer is dropped. Safe to call twice, and a no-op for ordinary answers.
     */
    public void discard() {
        if (raw == null) {
            return;
        }
        for (JsonNode img : raw.path("output").path("images")) {
            if (img.get("data") instanceof POJONode p
                    && p.getPojo() instanceof StatusReader.Decoded d) {
                try {
                    Files.deleteIfExists(d.file());
                } catch (IOException ignored) {
                    // the temporary folder is the system's to clean
                }
            }
        }
    }

    /** The images of a completed job, when it has any. */
    public Optional<JobOutput.Images> images() {
        return state == JobState.COMPLETED && output instanceof JobOutput.Images i ? Optional.of(i) : Optional.empty();
    }

    /** The progress payload, when the worker sends one. */
    public Optional<JobOutput.Progress> progress() {
        return output instanceof JobOutput.Progress p ? Optional.of(p) : Optional.empty();
    }

    /**
     * Why this job gave no result, for every failing shape: FAILED (plain or JSON error), TIMED_OUT,
     * COMPLETED without output (result too large), COMPLETED with a legacy error. Empty for success,
     * CANCELLED and unfinished jobs.
     */
    public Optional<JobError> failure() {
        return switch (state) {
            case FAILED -> Optional.of(withOutputDetails(error != null ? JobError.fromFailure(error)
                    : output instanceof JobOutput.LegacyError le ? JobError.fromLegacy(le.message(), le.details())
                    : JobError.fromFailure(null)));
            case TIMED_OUT -> Optional.of(new JobError(Text.of("api.timedOut"),
                    error == null ? "TIMED_OUT" : error));
            case COMPLETED -> switch (output) {
                case JobOutput.None n -> Optional.of(new JobError(Text.of("api.resultTooLarge"),
                        "COMPLETED without an output field"));
                case JobOutput.LegacyError le -> Optional.of(JobError.fromLegacy(le.message(), le.details()));
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }
}
