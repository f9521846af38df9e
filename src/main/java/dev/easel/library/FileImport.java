package dev.easel.library;

import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowJson;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a file dropped on Easel or opened is, and what it gives: a saved {@code /status} answer puts its images into
 * the library; a workflow (JSON, or a picture's metadata) is a graph to load; a picture with A1111 parameters is
 * values to set. A file that is none of these, or damaged, is refused with a sentence; nothing ever throws.
 */
public final class FileImport {

    /** What one file gave. */
    public sealed interface Result {
        /** The file's name. */
        String name();

        /** What to tell the user. */
        String text();
    }

    /** A saved answer's images went into the library ({@code added} of them new). */
    public record AddedToLibrary(String name, int added, String text) implements Result { }

    /** A graph to load, or values to set on the one being edited. */
    public record Settings(String name, ImageSettings settings, String text) implements Result { }

    /** Nothing Easel can use, said why. */
    public record Refused(String name, String text) implements Result { }

    private final StatusImport answers;

    public FileImport(StatusImport answers) {
        this.answers = answers;
    }

    public Result read(Path f) {
        String name = f.getFileName().toString();
        try {
            if (name.toLowerCase(Locale.ROOT).endsWith(".json") && looksLikeStatus(f)) {
                StatusImport.Imported r = answers.importAnswer(f);
                String text = r.added().isEmpty() ? "The images of " + name + " are in the library already."
                        : "Added " + images(r.added().size()) + " from " + name + " to the library.";
                return new AddedToLibrary(name, r.added().size(),
                        r.notes().isEmpty() ? text : text + " " + String.join(" ", r.notes()));
            }
            if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                return new Settings(name, new ImageSettings.Graph(WorkflowImporter.fromFile(f)),
                        "Loaded the workflow of " + name + ".");
            }
            ImageSettings s = ImageSettings.read(f);
            return new Settings(name, s, s instanceof ImageSettings.Graph ? "Loaded the workflow of " + name + "."
                    : "Applied the parameters of " + name + " to the current workflow.");
        } catch (LibraryException | WorkflowException e) {
            return new Refused(name, e.getMessage());
        } catch (RuntimeException e) { // a damaged file is said, and stops nothing
            LoggerFactory.getLogger(FileImport.class).warn("importing {} failed", f, e);
            return new Refused(name, name + " can't be read: it is damaged or not what its name says.");
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

    /** "1 image", "1,204 images". */
    public static String images(int n) {
        return n == 1 ? "1 image" : String.format(Locale.ROOT, "%,d images", n);
    }
}
