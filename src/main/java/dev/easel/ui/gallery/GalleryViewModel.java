package dev.easel.ui.gallery;

import dev.easel.library.Artwork;
import dev.easel.library.ResultStore;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.WorkflowImporter;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Results newest first, the selected one, and "Use these settings". Reads run off the FX thread. */
public final class GalleryViewModel {

    private static final int SHOWN = 300;

    private final ResultStore results;
    private final WorkflowSession session;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<Artwork> items = FXCollections.observableArrayList();
    private final ObjectProperty<Artwork> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final javafx.beans.property.StringProperty query = new javafx.beans.property.SimpleStringProperty("");

    public GalleryViewModel(ResultStore results, WorkflowSession session, Executor io, Executor fx) {
        this.results = results;
        this.session = session;
        this.io = io;
        this.fx = fx;
    }

    /** Reloads the results from the library: the newest, or those matching the search words. */
    public CompletableFuture<Void> refresh() {
        String words = query.get();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return results.search(words, SHOWN);
            } catch (java.sql.SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io).thenAcceptAsync(items::setAll, fx).exceptionallyAsync(e -> {
            message.set("The library could not be read: " + e.getMessage());
            return null;
        }, fx);
    }

    /** Loads the selected result's workflow (from its PNG metadata) back into the editor. */
    public CompletableFuture<Void> useSettings(Artwork a) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return WorkflowImporter.fromFile(a.file()).workflow();
            } catch (dev.easel.workflow.WorkflowException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, io).thenAcceptAsync(wf -> {
            session.replace(wf);
            message.set("Loaded the settings of " + a.file().getFileName() + ".");
        }, fx).exceptionallyAsync(e -> {
            message.set("Can't read the settings of that image: " + (e.getCause() != null ? e.getCause() : e).getMessage());
            return null;
        }, fx);
    }

    /** The search words; the view refreshes after typing stops. */
    public javafx.beans.property.StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Artwork> items() {
        return items;
    }

    public ObjectProperty<Artwork> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public java.nio.file.Path outputDir() {
        return results.outputDir();
    }
}
