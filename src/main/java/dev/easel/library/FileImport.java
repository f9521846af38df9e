package dev.easel.library;

import dev.easel.text.Text;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowJson;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a file dropped on Easel or opened is, and what it gives: a saved {@code /status} answer puts its images into
 * the library; a workflow (JSON, or a picture's metadata) is a graph to load; a picture with A1111 parameters is
 * values to set. A file that is none of these, or damaged, is refused with a sentence; nothing ever throws.
 */
public final class FileImport {

    /** What one file gave: the words for it are the UI's to choose. */
    public sealed interface Result {
        /** The file's name. */
        String name();
    }

    /**
     * A saved answer's images went into the library: {@code added} of them new (none: they were there already),
     * with what the import noticed on the way.
     */
    public record AddedToLibrary(String name, int added, List<Text> notes) implements Result { }

    /** A graph to load ({@link ImageSettings.Graph}), or values to set on the one being edited. */
    public record Settings(String name, ImageSettings settings) implements Result { }

    /**
     * Nothing Easel can use.
     *
     * @param cause why, as the reader of the format said it; null when the file is damaged or not what its name says
     */
    public record Refused(String name, Text cause) implements Result { }

    private final StatusImport answers;

    public FileImport(StatusImport answers) {
        this.answers = answers;
    }

    public Result read(Path f) {
        String name = f.getFileName().toString();
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith(".json") && looksLikeStatus(f)) {
                StatusImport.Imported r = answers.importAnswer(f);
                return new AddedToLibrary(name, r.added().size(), List.copyOf(r.notes()));
            }
            if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                return new Settings(name, new ImageSettings.Graph(WorkflowImporter.fromFile(f)));
            }
            return new Settings(name, ImageSettings.read(f));
        } catch (LibraryException | WorkflowException e) {
            return new Refused(name, Text.cause(e));
        } catch (RuntimeException e) { // a damaged file is said, and stops nothing
            LoggerFactory.getLogger(FileImport.class).warn("importing {} failed", f, e);
            return new Refused(name, null);
        }
    }

    private static boolean looksLikeStatus(Path f) {
        try {
            var json = WorkflowJson.parse(Files.readString(f));
            return json.isObject() && json.has("status") && (json.has("id") || json.has("output"));
        } catch (IOException | WorkflowException | RuntimeException e) {
            return false;
        }
    }
}
