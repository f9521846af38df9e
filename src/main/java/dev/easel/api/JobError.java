package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a job did not give images: a one-line {@code summary} to show in place (the worker's own words, or Easel's
 * sentence about them), the full {@code detail} behind a link.
 */
public record JobError(Text summary, String detail) {

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
            return new JobError(Text.of("api.worker.noReason"), "");
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
                    return new JobError(Text.of("api.worker.crashed", firstLine(summary)),
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
        if (message == null) {
            return new JobError(details.isEmpty() ? Text.of("api.worker.reportedError")
                    : Text.literal(firstLine(details.getFirst())), String.join("\n", details));
        }
        String detail = message + (details.isEmpty() ? "" : "\n" + String.join("\n", details));
        String summary = details.isEmpty() ? firstLine(message) : firstLine(message) + ": " + firstLine(details.getFirst());
        return new JobError(Text.literal(summary), detail);
    }

    /**
     * The checkpoints an endpoint has, when a failure says: worker-comfyui lists them ("Available checkpoint models:
     * a, b") or says there are none. Empty when the text says neither.
     */
    public static Optional<List<String>> availableCheckpoints(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher available = AVAILABLE.matcher(text);
        if (available.find()) {
            List<String> models = new ArrayList<>();
            for (String m : available.group(1).split(",")) {
                if (!m.isBlank()) {
                    models.add(m.strip());
                }
            }
            return Optional.of(List.copyOf(models));
        }
        return text.contains("No checkpoint models appear to be available") ? Optional.of(List.of())
                : Optional.empty();
    }

    /**
     * The key of a missing model's summary: its arguments are the file, what the endpoint has, and what to do, which
     * {@code ModelAdvice} replaces by the template to choose.
     */
    public static final String NO_MODEL = "api.worker.noModel";

    /**
     * A model file a job asked for that the endpoint lacks.
     *
     * @param input the loader's input ({@code ckpt_name}, {@code unet_name}, {@code clip_name1}, …)
     * @param file  the file asked for
     * @param has   the files the endpoint has for that input (the worker's "Available checkpoint models" list, else
     *              ComfyUI's), or null when ComfyUI only gave their count
     */
    public record MissingModel(String input, String file, List<String> has) { }

    /** The model files a validation failure says the endpoint lacks, in the order it names them. */
    public static List<MissingModel> missingModels(String text) {
        if (text == null || !text.startsWith("Workflow validation failed")) {
            return List.of();
        }
        List<MissingModel> out = new ArrayList<>();
        Matcher model = MISSING_MODEL.matcher(text);
        Optional<List<String>> checkpoints = availableCheckpoints(text);
        while (model.find()) {
            List<String> has;
            if (model.group(1).equals("ckpt_name") && checkpoints.isPresent()) {
                has = checkpoints.get(); // the worker's own list
            } else if (model.group(3).startsWith("(")) {
                has = null; // "(list of length 40)": ComfyUI didn't say which
            } else {
                has = new ArrayList<>();
                Matcher q = QUOTED.matcher(model.group(3));
                while (q.find()) {
                    has.add(q.group(1));
                }
                has = List.copyOf(has);
            }
            out.add(new MissingModel(model.group(1), model.group(2), has));
        }
        return List.copyOf(out);
    }

    /** A node's error line of a validation failure: {@code • Node 30 (errors): [...]}. */
    private static final Pattern NODE_ERRORS = Pattern.compile("(?m)^\\W*Node (\\S+) \\(errors\\): (.*)$");
    /** A model that isn't on the endpoint: {@code ckpt_name: 'x.safetensors' not in [...]}. */
    private static final Pattern MISSING_MODEL = Pattern.compile(
            "(ckpt_name|unet_name|vae_name|clip_name\\d?|lora_name|model_name): '([^']+)' not in "
                    + "(\\[[^\\]]*\\]|\\(list of length \\d+\\))");
    private static final Pattern AVAILABLE = Pattern.compile("Available checkpoint models: (.+)");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    /**
     * The useful first line. For a ComfyUI validation failure: the first node's problem in ComfyUI's own words with
     * its place ("Value 0 smaller than min of 1 — node 1 EmptyImage, width"), and for a model the endpoint doesn't
     * have, which ones it has and what to do.
     */
    static Text summarize(String text) {
        String first = firstLine(text);
        if (!first.startsWith("Workflow validation failed")) {
            return Text.literal(first);
        }
        Matcher model = MISSING_MODEL.matcher(text);
        if (model.find()) {
            List<String> has = new ArrayList<>();
            Matcher available = AVAILABLE.matcher(text);
            if (available.find()) { // the worker's own list, when it has models
                for (String m : available.group(1).split(",")) {
                    if (!m.isBlank()) {
                        has.add(m.strip());
                    }
                }
            } else {
                Matcher q = QUOTED.matcher(model.group(3));
                while (q.find()) {
                    has.add(q.group(1));
                }
            }
            Text what = model.group(3).startsWith("(") && has.isEmpty()
                    ? Text.of("api.worker.hasOthers", model.group(3).replaceAll("\\D", ""))
                    : has.isEmpty() ? Text.of("api.worker.hasNone", model.group(1))
                    : Text.of("api.worker.has", String.join(", ", has));
            return Text.of(NO_MODEL, model.group(2), what, Text.of("api.worker.chooseTemplate"));
        }
        Matcher node = NODE_ERRORS.matcher(text);
        if (node.find()) {
            String id = node.group(1);
            String errors = node.group(2);
            Matcher msg = MESSAGE.matcher(errors);
            Matcher d = DETAILS.matcher(errors);
            String message = msg.find() ? msg.group(1).replace("\\'", "'") : null;
            String detail = d.find() ? (d.group(1) != null ? d.group(1) : d.group(2)).replace("\\'", "'") : "";
            Matcher type = Pattern.compile("(?m)^\\W*Node " + Pattern.quote(id) + " \\(class_type\\): (\\S+)")
                    .matcher(text);
            String where = id + (type.find() ? " " + type.group(1) : "") + (detail.isBlank() ? "" : ", " + detail);
            if (message != null && !message.isBlank()) {
                return Text.of("api.worker.atNode", message, where);
            }
            if (!detail.isBlank()) {
                return Text.of("api.worker.invalidAtNode", detail, id);
            }
        }
        Matcher msg = MESSAGE.matcher(text);
        if (msg.find()) {
            return Text.of("api.worker.invalid", msg.group(1));
        }
        return Text.literal(first);
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
