package dev.easel.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.api.OutputImage;
import dev.easel.api.RunpodClient;
import dev.easel.api.RunpodException;
import dev.easel.text.Text;
import dev.easel.workflow.ImageType;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.PngText;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the images of a saved {@code /status} answer into the library, with what they say of themselves: a
 * ComfyUI-made PNG carries its graph, which gives the prompt and parameters. Importing the same answer twice adds
 * nothing the second time.
 */
public final class StatusImport {

    /** What an import did. */
    public record Imported(List<Artwork> added, int alreadyThere, List<Text> notes) { }

    private final ResultStore store;
    private final RunpodClient downloads;
    private final Clock clock;

    /** @param downloads fetches images the answer gives as {@code s3_url} links (no key is sent) */
    public StatusImport(ResultStore store, RunpodClient downloads, Clock clock) {
        this.store = store;
        this.downloads = downloads;
        this.clock = clock;
    }

    public Imported importAnswer(Path file) throws LibraryException {
        SavedStatus saved = SavedStatus.read(file);
        try {
            return importImages(saved);
        } finally {
            saved.discard();
        }
    }

    private Imported importImages(SavedStatus saved) throws LibraryException {
        List<Artwork> added = new ArrayList<>();
        List<Text> notes = new ArrayList<>(saved.images().errors().stream()
                .map(e -> Text.of("jobs.save.workerReported", e)).toList());
        int there = 0;
        int index = 0;
        Set<String> seen = new HashSet<>();
        for (OutputImage img : saved.images().images()) {
            byte[] bytes;
            try {
                bytes = img.transport() == OutputImage.Transport.URL ? downloads.download(img.url()) : img.decode();
            } catch (RunpodException e) {
                notes.add(Text.of("library.status.imageFailed", img.safeFilename(), e.text()));
                continue;
            } catch (IllegalArgumentException e) {
                notes.add(Text.of("library.status.badBase64", img.safeFilename()));
                continue;
            }
            if (ImageType.detect(bytes) == ImageType.UNKNOWN) {
                notes.add(Text.of("library.status.notImage", img.safeFilename()));
                continue;
            }
            if (ImageType.detect(bytes) == ImageType.PNG && !PngChunks.isComplete(bytes)) {
                notes.add(Text.of("library.status.imageCutShort", img.safeFilename()));
                continue;
            }
            String hash = ResultStore.sourceHash(bytes);
            try {
                if (!seen.add(hash) || store.alreadyImported(saved.status().id(), hash)) {
                    there++;
                    continue;
                }
            } catch (SQLException e) {
                throw new LibraryException(Text.of("library.unreadable", e.getMessage()), e);
            }
            JsonNode graph = null;
            JsonNode ui = null;
            Map<Parameter, Object> params = new EnumMap<>(Parameter.class);
            if (ImageType.detect(bytes) == ImageType.PNG) {
                try {
                    Map<String, String> text = PngText.read(bytes);
                    graph = parse(text.get("prompt"));
                    ui = parse(text.get("workflow"));
                    if (text.get("prompt") != null) {
                        params.putAll(Rescanner.valuesOfGraph(text.get("prompt")));
                    } else if (text.get("parameters") != null) {
                        params.putAll(A1111Parameters.parse(text.get("parameters")).values());
                    }
                } catch (WorkflowException e) {
                    // no readable metadata: the picture alone
                }
            }
            added.add(store.save(new ResultToSave(0, saved.status().id(), "Imported", bytes, index++, graph, ui,
                    params, null, saved.status().delayTime(), saved.status().executionTime(), 0, clock.instant())));
        }
        return new Imported(added, there, notes);
    }

    private static JsonNode parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return WorkflowJson.parse(s);
        } catch (WorkflowException e) {
            return null;
        }
    }
}
