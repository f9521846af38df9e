package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a job did not give images: a one-line {@code summary} to show in place, the full {@code detail} behind a link.
 */
public record JobError(String summary, String detail) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DETAILS = Pattern.compile("'details': (?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)')");
    private static final Pattern MESSAGE = Pattern.compile("'message': '((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern CLASS = Pattern.compile("<class '(?:[\\w.]+\\.)?(\\w+)'>");

    /**
     * Reads a FAILED job's {@code error}: plain (possibly multi-line) text, or a JSON string with
     * {@code error_type}, {@code error_message}, {@code error_traceback} when the handler crashed.
     */
    public static JobError fromFailure(String error) {
        if (error == null || error.isBlank()) {
            return new JobError("The job failed without saying why.", "");
        }
        String trimmed = error.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(trimmed);
                if (n.isObject() && n.has("error_message")) {
                    String type = n.path("error_type").asText("");
                    Matcher m = CLASS.matcher(type);
                    String shortType = m.find() ? m.group(1) : type;
                    String message = n.path("error_message").asText("");
                    String summary = (shortType.isEmpty() ? "" : shortType + ": ") + message;
                    String trace = n.path("error_traceback").asText("");
                    return new JobError("The worker crashed: " + firstLine(summary),
                            summary + (trace.isEmpty() ? "" : "\n\n" + trace));
                }
                if (n.isObject() && n.has("error")) {
                    return fromFailure(n.path("error").asText());
                }
            } catch (Exception notJson) {
                // plain text that happens to start with a brace
            }
        }
        return new JobError(summarize(trimmed), trimmed);
    }

    /** A legacy error inside a COMPLETED answer. */
    public static JobError fromLegacy(String message, List<String> details) {
        String detail = message + (details.isEmpty() ? "" : "\n" + String.join("\n", details));
        String summary = details.isEmpty() ? firstLine(message) : firstLine(message) + ": " + firstLine(details.getFirst());
        return new JobError(summary, detail);
    }

    /** The useful first line: for ComfyUI validation failures, the first node's problem rather than the heading. */
    static String summarize(String text) {
        String first = firstLine(text);
        if (first.startsWith("Workflow validation failed")) {
            Matcher d = DETAILS.matcher(text);
            if (d.find()) {
                String detail = d.group(1) != null ? d.group(1) : d.group(2);
                if (!detail.isBlank()) {
                    return "Workflow validation failed: " + detail.replace("\\'", "'");
                }
            }
            Matcher msg = MESSAGE.matcher(text);
            if (msg.find()) {
                return "Workflow validation failed: " + msg.group(1);
            }
        }
        return first;
    }

    private static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                String l = line.strip();
                return l.endsWith(":") ? l.substring(0, l.length() - 1) : l;
            }
        }
        return text.strip();
    }
}
