package dev.easel.ui.gallery;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.io.Futures;
import dev.easel.library.Artwork;
import dev.easel.library.Exporter;
import dev.easel.library.Facets;
import dev.easel.library.FileImport;
import dev.easel.library.Library;
import dev.easel.library.LibraryQuery;
import dev.easel.library.StatusImport;
import dev.easel.library.Tile;
import dev.easel.library.Trash;
import dev.easel.text.Messages;
import dev.easel.ui.session.WorkflowSession;
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

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library as the gallery shows it: the query (words, filters, sort), the tiles it selects, the selection and
 * keyboard focus, the image open in the viewer (and one to compare it with), and what can be done to a selection.
 * Every read and write of the library runs on the io executor; results land on the FX executor.
 */
public final class GalleryViewModel {

    private final Library library;
    private final GalleryActionsModel actions;
    private final GalleryReuseModel reuse;
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

    public GalleryViewModel(Library library, StatusImport importer, Trash trash, WorkflowSession session, Executor io,
                            Executor fx) {
        this.library = library;
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
        this.actions = new GalleryActionsModel(this, library, trash, new Exporter(ZoneId.systemDefault()), this.io, fx);
        this.reuse = new GalleryReuseModel(this, new FileImport(importer), session, this.io, fx);
    }

    /** What can be done to the selected pictures: favourite, tag, delete, export. */
    public GalleryActionsModel actions() {
        return actions;
    }

    /** A picture's settings back in the studio, and files dropped or opened. */
    public GalleryReuseModel reuse() {
        return reuse;
    }

    /** Shows a sentence in the gallery's status line. */
    void say(String text) {
        message.set(text);
    }

    void setBusy(boolean on) {
        busy.set(on);
    }

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
            summary.set(q.narrowed() ? Messages.get("gallery.summary.narrowed", a.tiles().size(), a.total())
                    : Messages.get("gallery.summary", a.total()));
            libraryEmpty.set(a.total() == 0);
            loaded.set(true);
        }, fx).exceptionallyAsync(e -> {
            message.set(Messages.get("gallery.libraryUnreadable", Messages.of(cause(e))));
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

    /** Shows the picture of library id {@code id} in the viewer (a sweep's grid picture, say). */
    public CompletableFuture<Void> showPicture(long id) {
        return viewer.show(id, wanted -> true).exceptionallyAsync(this::report, fx);
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
            message.set(Messages.get("gallery.selectTwoImagesTo"));
            return CompletableFuture.completedFuture(null);
        }
        return viewer.compare(t.get(0).id(), t.get(1).id()).exceptionallyAsync(this::report, fx);
    }

    /** Looks at the output folder again: new files are added, vanished ones marked missing. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> rescan() {
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return describe(library.rescan());
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io).thenComposeAsync(text -> {
            busy.set(false);
            message.set(text);
            return refresh();
        }, fx).exceptionallyAsync(e -> {
            busy.set(false);
            message.set(Messages.get("gallery.rescanFailed", Messages.of(cause(e))));
            return null;
        }, fx);
    }

    /**
     * The thumbnail file of a tile, made in the background when needed; completes on the FX executor (and never
     * when the image can't be read: the tile stays blank, its badge says why).
     */
    public CompletableFuture<Path> thumbnail(Tile t) {
        return library.thumbnails().request(t.id(), t.file()).thenApplyAsync(p -> p, fx);
    }

    /** A tile's prompt (for its tooltip), read in the background; completes on the FX executor, "" when unknown. */
    public CompletableFuture<String> prompt(Tile t) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return library.prompts(List.of(t.id())).getOrDefault(t.id(), "");
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io).thenApplyAsync(p -> p, fx);
    }

    Void report(Throwable e) {
        message.set(Messages.of(cause(e)));
        return null;
    }

    private static Throwable cause(Throwable e) {
        return Futures.unwrap(e);
    }

    /** What a rescan found, in a sentence. */
    static String describe(Library.Rescan r) {
        List<String> parts = new ArrayList<>();
        if (r.added() > 0) {
            parts.add(Messages.get("rescan.added", r.added()));
        }
        if (r.missing() > 0) {
            parts.add(Messages.get("rescan.missing", r.missing()));
        }
        if (r.restored() > 0) {
            parts.add(Messages.get("rescan.restored", r.restored()));
        }
        if (!r.unreadable().isEmpty()) {
            parts.add(Messages.get("rescan.unreadable", r.unreadable().size()));
        }
        return parts.isEmpty() ? Messages.get("rescan.nothing") : Messages.get("rescan.found", String.join(", ", parts));
    }

    static List<Long> ids(Collection<Tile> t) {
        return t.stream().map(Tile::id).toList();
    }

    static String count(int n) {
        return Messages.get("gallery.images", n);
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
