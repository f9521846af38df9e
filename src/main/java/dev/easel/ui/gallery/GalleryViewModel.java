package dev.easel.ui.gallery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.library.Artwork;
import dev.easel.library.Exporter;
import dev.easel.library.Facets;
import dev.easel.library.FileImport;
import dev.easel.library.ImageSettings;
import dev.easel.library.Library;
import dev.easel.library.LibraryQuery;
import dev.easel.library.StatusImport;
import dev.easel.library.Tile;
import dev.easel.library.Trash;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.WorkflowException;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The library as the gallery shows it: the query (words, filters, sort), the tiles it selects, the selection and
 * keyboard focus, the image open in the viewer (and one to compare it with), and what can be done to a selection.
 * Every read and write of the library runs on the io executor; results land on the FX executor.
 */
public final class GalleryViewModel {

    private final Library library;
    private final FileImport fileImport;
    private final Trash trash;
    private final Exporter exporter;
    private final WorkflowSession session;
    private final Executor io;
    private final Executor fx;

    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final GallerySelection selection = new GallerySelection(tiles);
    private final GalleryFilters filters = new GalleryFilters(this::refresh);
    private final GalleryViewerModel viewer;

    private final ReadOnlyObjectWrapper<Facets> facets = new ReadOnlyObjectWrapper<>(Facets.none());
    private final DoubleProperty thumbSize = new SimpleDoubleProperty(176);

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper libraryEmpty = new ReadOnlyBooleanWrapper();
    private final AtomicLong generation = new AtomicLong();
    private Consumer<Boolean> settingsUsed = seeded -> { };
    private Runnable retryAction = () -> { };

    public GalleryViewModel(Library library, StatusImport importer, Trash trash, WorkflowSession session, Executor io,
                            Executor fx) {
        this.library = library;
        this.fileImport = new FileImport(importer);
        this.trash = trash;
        this.exporter = new Exporter(ZoneId.systemDefault());
        this.session = session;
        // work asked for while the app shuts down (a search typed just before closing) is dropped, not an error
        this.io = task -> {
            try {
                io.execute(task);
            } catch (RejectedExecutionException closing) {
                // the io executor is closed: nothing left to refresh
            }
        };
        this.fx = fx;
        this.viewer = new GalleryViewerModel(library, this.io, fx);
    }

    /** What "Retry with new seed" does once the image's settings are loaded: a new seed and Generate. */
    public void setRetryAction(Runnable action) {
        this.retryAction = action;
    }

    // ---------------------------------------------------------------- query

    /** The words searched, the filters and the order. */
    public GalleryFilters filters() {
        return filters;
    }

    /** Reloads the tiles the query selects; answers that arrive after a newer refresh are dropped. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> refresh() {
        LibraryQuery q = filters.query();
        long mine = generation.incrementAndGet();
        record Answer(List<Tile> tiles, Facets facets, int total) { }
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<Tile> found = library.tiles(q);
                return new Answer(found, library.facets(), q.narrowed() ? library.count(LibraryQuery.all())
                        : found.size());
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io).thenAcceptAsync(a -> {
            if (generation.get() != mine) {
                return;
            }
            selection.show(a.tiles());
            facets.set(a.facets());
            summary.set(q.narrowed() ? String.format(Locale.ROOT, "%,d of %,d images", a.tiles().size(), a.total())
                    : String.format(Locale.ROOT, "%,d image%s", a.total(), a.total() == 1 ? "" : "s"));
            libraryEmpty.set(a.total() == 0);
            loaded.set(true);
        }, fx).exceptionallyAsync(e -> {
            message.set("The library could not be read: " + cause(e).getMessage());
            return null;
        }, fx);
    }

    // ---------------------------------------------------------------- selection and focus

    /** Which tiles are selected and focused. */
    public GallerySelection selection() {
        return selection;
    }

    /** A click on the tile at {@code index}: alone, extending with Shift, toggling with Ctrl/Cmd. */
    public void click(int index, boolean extend, boolean toggle) {
        selection.click(index, extend, toggle);
    }

    /** Moves the focus by {@code delta} tiles, selecting it or extending with Shift; the viewer follows. */
    public void move(int delta, boolean extend) {
        int next = selection.move(delta, extend);
        if (next >= 0 && viewer.isOpen()) {
            open(next);
        }
    }

    public void selectAll() {
        selection.selectAll();
    }

    public void clearSelection() {
        selection.clear();
    }

    public boolean isSelected(long id) {
        return selection.isSelected(id);
    }

    /** The selected tiles in the order shown; the focused one when nothing is selected. */
    public List<Tile> targets() {
        return selection.targets();
    }

    public Tile focusedTile() {
        return selection.focused();
    }

    // ---------------------------------------------------------------- viewer

    /** Opens the tile at {@code index} in the viewer. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> open(int index) {
        if (index < 0 || index >= tiles.size()) {
            return CompletableFuture.completedFuture(null);
        }
        selection.view(index);
        return viewer.show(tiles.get(index).id(), id -> focusedTile() != null && focusedTile().id() == id)
                .exceptionallyAsync(this::report, fx);
    }

    public void next() {
        if (focusProperty().get() + 1 < tiles.size()) {
            open(focusProperty().get() + 1);
        }
    }

    public void previous() {
        if (focusProperty().get() > 0) {
            open(focusProperty().get() - 1);
        }
    }

    public void closeViewer() {
        viewer.close();
    }

    /** What the viewer shows. */
    public GalleryViewerModel viewer() {
        return viewer;
    }

    /** Opens the first two selected images side by side. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> compareSelected() {
        List<Tile> t = targets();
        if (t.size() != 2) {
            message.set("Select two images to compare them (Ctrl+click the second).");
            return CompletableFuture.completedFuture(null);
        }
        return viewer.compare(t.get(0).id(), t.get(1).id()).exceptionallyAsync(this::report, fx);
    }

    // ---------------------------------------------------------------- actions

    /** Marks the targets as favourites, or unmarks them all when every one is a favourite already. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> toggleFavourite() {
        List<Tile> t = targets();
        if (t.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean on = t.stream().anyMatch(x -> !x.favourite());
        return write(() -> {
            library.setFavourite(ids(t), on);
            return (on ? "Marked " : "Unmarked ") + count(t.size()) + " as favourite.";
        });
    }

    @CanIgnoreReturnValue // shows its own failures

    public CompletableFuture<Void> addTag(String text) {
        List<Tile> t = targets();
        if (t.isEmpty() || text == null || text.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        return write(() -> {
            library.addTag(ids(t), text);
            return "Tagged " + count(t.size()) + " “" + text.strip() + "”.";
        });
    }

    @CanIgnoreReturnValue // shows its own failures

    public CompletableFuture<Void> removeTag(String text) {
        Artwork a = viewer.viewedProperty().get();
        if (a == null) {
            return CompletableFuture.completedFuture(null);
        }
        return write(() -> {
            library.removeTag(List.of(a.id()), text);
            return "Removed the tag “" + text + "”.";
        });
    }

    /** Moves the targets' files to the trash and out of the library. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> deleteTargets() {
        List<Tile> t = targets();
        if (t.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int at = focusProperty().get();
        return write(() -> {
            Library.Deleted d = library.delete(ids(t), trash);
            String done = d.removed() == 0 ? "" : "Moved " + count(d.removed()) + " to " + trash.describe() + ".";
            return d.problems().isEmpty() ? done : (done + " " + String.join(" ", d.problems())).strip();
        }).thenRunAsync(() -> {
            closeViewer();
            focusProperty().set(Math.min(at, tiles.size() - 1));
            selection.clear();
        }, fx);
    }

    /** What is wrong with an export name pattern, or null when it is fine. */
    public String patternProblem(String pattern) {
        try {
            Exporter.checkPattern(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Exports the targets with the options chosen. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> export(Exporter.Options options) {
        List<Tile> t = targets();
        if (t.isEmpty()) {
            message.set("Select the images to export first.");
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        message.set("Exporting " + count(t.size()) + "…");
        return CompletableFuture.supplyAsync(() -> {
            try {
                Exporter.Report r = exporter.export(library.artworks(ids(t)), options);
                String done = "Exported " + count(r.written().size()) + " to " + options.folder() + ".";
                return r.problems().isEmpty() ? done : done + " Not exported: " + String.join(" ", r.problems());
            } catch (IOException | SQLException | IllegalArgumentException e) {
                throw new CompletionException(e);
            }
        }, io).thenAcceptAsync(text -> {
            busy.set(false);
            message.set(text);
        }, fx).exceptionallyAsync(e -> {
            busy.set(false);
            message.set("Export failed: " + cause(e).getMessage());
            return null;
        }, fx);
    }

    /** Looks at the output folder again: new files are added, vanished ones marked missing. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> rescan() {
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return library.rescan().describe();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io).thenComposeAsync(text -> {
            busy.set(false);
            message.set(text);
            return refresh();
        }, fx).exceptionallyAsync(e -> {
            busy.set(false);
            message.set("The rescan failed: " + cause(e).getMessage());
            return null;
        }, fx);
    }

    /**
     * Files dropped on the window or opened: a saved {@code /status} answer goes into the library; a workflow
     * (JSON or an image's metadata) loads into the editor; an image with A1111 parameters sets them on the editor's
     * graph.
     */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> importFiles(List<Path> files) {
        if (files.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> files.stream().map(fileImport::read).toList(), io)
                .thenAcceptAsync(results -> {
                    busy.set(false);
                    List<String> said = new ArrayList<>();
                    boolean added = false;
                    for (FileImport.Result r : results) {
                        switch (r) {
                            case FileImport.AddedToLibrary a -> added |= a.added() > 0;
                            case FileImport.Settings(String name, ImageSettings.Graph g, String text) ->
                                    session.replaceImported(g.imported().workflow(), g.imported().uiGraph(), name);
                            case FileImport.Settings(String name, ImageSettings.Values v, String text) -> apply(v.values());
                            case FileImport.Refused refused -> { }
                        }
                        said.add(r.text());
                    }
                    message.set(String.join(" ", said));
                    if (added) {
                        refresh();
                    }
                }, fx).exceptionallyAsync(e -> {
                    busy.set(false); // never busy forever
                    message.set("The files could not be read: " + cause(e).getMessage());
                    return null;
                }, fx);
    }

    /** Sets A1111 values on the graph in the editor, for the parameters it binds. */
    private void apply(Map<Parameter, Object> values) {
        var bindings = session.bindingsProperty().get();
        values.forEach((p, v) -> {
            if (bindings != null && bindings.has(p)) {
                session.set(p, v instanceof Long l ? JsonNodeFactory.instance.numberNode(l)
                        : v instanceof Integer i ? JsonNodeFactory.instance.numberNode(i)
                        : v instanceof Number n ? JsonNodeFactory.instance.numberNode(n.doubleValue())
                        : JsonNodeFactory.instance.textNode(v.toString()));
            }
        });
    }

    /** Loads a result's workflow (from its PNG metadata) back into the editor. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> useSettings(Artwork a) {
        if (a == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ImageSettings.read(a.file());
            } catch (WorkflowException e) {
                throw new CompletionException(e);
            }
        }, io).thenAcceptAsync(s -> {
            boolean seeded;
            if (s instanceof ImageSettings.Graph g) {
                session.replaceImported(g.imported().workflow(), g.imported().uiGraph(),
                        String.valueOf(a.file().getFileName()));
                seeded = session.bindingsProperty().get().has(Parameter.SEED);
            } else if (s instanceof ImageSettings.Values v) {
                apply(v.values());
                seeded = v.values().containsKey(Parameter.SEED) && session.bindingsProperty().get().has(Parameter.SEED);
            } else {
                seeded = false;
            }
            settingsUsed.accept(seeded);
            message.set("Loaded the settings of " + a.file().getFileName() + (seeded ? " with its seed, fixed: "
                    + "Generate makes the same picture." : "."));
        }, fx).exceptionallyAsync(e -> {
            message.set("Can't read the settings of that image: " + cause(e).getMessage());
            throw new CompletionException(cause(e));
        }, fx);
    }

    /**
     * Loads the result's settings, then generates again with a new seed; a graph without a seed is not sent (it
     * would make the same picture again) and the message says so.
     */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> retryWithNewSeed(Artwork a) {
        return useSettings(a).thenRunAsync(() -> {
            if (!session.bindingsProperty().get().has(Parameter.SEED)) {
                message.set("This workflow has no seed Easel can change (no KSampler seed or RandomNoise "
                        + "noise_seed), so a new seed can't make another picture. Nothing was sent.");
                return;
            }
            retryAction.run();
        }, fx).exceptionally(e -> null);
    }

    /**
     * Told after "Use these settings" whether the settings set a seed; the studio then fixes the seed so that
     * Generate makes the same picture.
     */
    public void setOnSettingsUsed(Consumer<Boolean> hook) {
        this.settingsUsed = hook;
    }

    /**
     * The thumbnail file of a tile, made in the background when needed; completes on the FX executor (and never
     * when the image can't be read: the tile stays blank, its badge says why).
     */
    public CompletableFuture<Path> thumbnail(Tile t) {
        return library.thumbnails().request(t.id(), t.file()).thenApplyAsync(p -> p, fx);
    }

    private CompletableFuture<Void> write(SqlText work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (SQLException | IllegalArgumentException e) {
                throw new CompletionException(e);
            }
        }, io).thenComposeAsync(text -> {
            message.set(text);
            return refresh().thenCompose(x -> viewer.reload().exceptionally(e -> null));
        }, fx).exceptionallyAsync(this::report, fx);
    }

    @FunctionalInterface
    private interface SqlText {
        String run() throws SQLException;
    }

    private Void report(Throwable e) {
        message.set(cause(e).getMessage());
        return null;
    }

    private static Throwable cause(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static List<Long> ids(Collection<Tile> t) {
        return t.stream().map(Tile::id).toList();
    }

    private static String count(int n) {
        return FileImport.images(n);
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<Tile> tiles() {
        return tiles;
    }

    public ObservableSet<Long> selected() {
        return selection.selected();
    }

    public IntegerProperty focusProperty() {
        return selection.focusProperty();
    }











    public ReadOnlyObjectProperty<Facets> facetsProperty() {
        return facets.getReadOnlyProperty();
    }

    public DoubleProperty thumbSizeProperty() {
        return thumbSize;
    }

    public ObjectProperty<Artwork> viewedProperty() {
        return viewer.viewedProperty();
    }

    public ObjectProperty<Artwork> comparedProperty() {
        return viewer.comparedProperty();
    }

    public ObservableList<String> viewedTags() {
        return viewer.tags();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when the library holds no picture at all, whatever the filters (the first-use empty state). */
    public ReadOnlyBooleanProperty libraryEmptyProperty() {
        return libraryEmpty.getReadOnlyProperty();
    }

    /** True once the first answer of the library arrived (the empty state waits for it). */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public Path outputDir() {
        return library.outputDir();
    }
}
