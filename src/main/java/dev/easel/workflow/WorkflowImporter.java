package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.text.Text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a workflow in from a file the user has: API JSON, UI JSON (converted), a Runpod request body, or a PNG
 * carrying ComfyUI's {@code prompt}/{@code workflow} text chunks (or a WebP carrying them in EXIF, as ComfyUI's Save WEBP
 * writes them).
 */
public final class WorkflowImporter {

    private static final long MAX_FILE = 200L * 1024 * 1024;

    /**
     * @param workflow the API graph to send
     * @param uiGraph  the editor graph when one came with it (kept for PNG metadata), else null
     * @param source   what the file was
     * @param notes    what was done to it, for the user
     * @param problems what validation found
     */
    public record Imported(Workflow workflow, JsonNode uiGraph, WorkflowFormat source, List<Text> notes,
                           List<Problem> problems) {
        public boolean valid() {
            return problems.stream().noneMatch(Problem::isError);
        }
    }

    private WorkflowImporter() {
    }

    public static Imported fromFile(Path file) throws WorkflowException {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new WorkflowException(Text.of("workflow.import.tooLarge", file.getFileName()));
            }
            return fromBytes(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new WorkflowException(Text.of("file.none", file));
        } catch (IOException e) {
            throw new WorkflowException(Text.of("file.unreadable", file, e.getMessage()));
        }
    }

    public static Imported fromBytes(String name, byte[] bytes) throws WorkflowException {
        if (PngText.isPng(bytes)) {
            return fromPicture(PngText.read(bytes));
        }
        ImageType type = ImageType.detect(bytes);
        if (type == ImageType.JPEG || type == ImageType.WEBP) {
            return fromPicture(ExifText.read(bytes));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return fromJson(WorkflowJson.parse(text));
    }

    public static Imported fromJson(JsonNode json) throws WorkflowException {
        WorkflowFormat format = WorkflowFormat.detect(json);
        return switch (format) {
            case API -> done(Workflow.of((ObjectNode) json), null, format, new ArrayList<>());
            case REQUEST -> {
                List<Text> notes = new ArrayList<>();
                notes.add(Text.of("workflow.import.fromRequest"));
                if (json.path("input").has("images")) {
                    notes.add(Text.of("workflow.import.inputImagesLeft"));
                }
                yield done(Workflow.of((ObjectNode) json.path("input").path("workflow")), null, format, notes);
            }
            case UI -> {
                UiConverter.Result r = UiConverter.convert(json);
                yield done(r.workflow(), json, format, new ArrayList<>(r.notes()));
            }
            case UNKNOWN -> throw new WorkflowException(Text.of("workflow.import.notWorkflow"));
        };
    }

    /** A picture's text: a PNG's chunks, or a JPEG's or WebP's EXIF as {@link ExifText} names it. */
    private static Imported fromPicture(Map<String, String> text) throws WorkflowException {
        String prompt = text.get("prompt");
        String workflow = text.get("workflow");
        JsonNode ui = null;
        if (workflow != null) {
            try {
                ui = WorkflowJson.parse(workflow);
            } catch (WorkflowException e) {
                ui = null; // a damaged UI graph: the API prompt may still be good
            }
        }
        if (prompt != null) {
            JsonNode api = WorkflowJson.parse(prompt);
            if (WorkflowFormat.detect(api) == WorkflowFormat.API) {
                List<Text> notes = new ArrayList<>(List.of(Text.of("workflow.import.fromImage")));
                return done(Workflow.of((ObjectNode) api), ui, WorkflowFormat.API, notes);
            }
        }
        if (ui != null && WorkflowFormat.detect(ui) == WorkflowFormat.UI) {
            UiConverter.Result r = UiConverter.convert(ui);
            List<Text> notes = new ArrayList<>(List.of(Text.of("workflow.import.fromImage")));
            notes.addAll(r.notes());
            return done(r.workflow(), ui, WorkflowFormat.UI, notes);
        }
        if (text.containsKey("parameters")) {
            throw new WorkflowException(Text.of("workflow.import.a1111Only"));
        }
        throw new WorkflowException(Text.of("workflow.import.noWorkflow"));
    }

    private static Imported done(Workflow wf, JsonNode ui, WorkflowFormat source, List<Text> notes) {
        return new Imported(wf, ui, source, List.copyOf(notes), WorkflowValidator.validate(wf.view()));
    }
}
