package dev.easel.ui.gallery;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.io.Futures;
import dev.easel.library.Artwork;
import dev.easel.library.Exporter;
import dev.easel.library.Library;
import dev.easel.library.Tile;
import dev.easel.library.Trash;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What can be done to the gallery's targets (the selected pictures, or the focused one): favourite, tag, delete to
 * the trash, export. Each runs on the io executor, then says what it did in the gallery's status line and reloads.
 */
public final class GalleryActionsModel {

    private final GalleryViewModel gallery;
    private final Library library;
    private final Trash trash;
    private final Exporter exporter;
    private final Executor io;
    private final Executor fx;
    /** What the last Move to trash put there that Undo can bring back; empty once undone or replaced. */
    private final ReadOnlyObjectWrapper<List<Trash.Trashed>> undoable = new ReadOnlyObjectWrapper<>(List.of());

    GalleryActionsModel(GalleryViewModel gallery, Library library, Trash trash, Exporter exporter, Executor io,
                        Executor fx) {
        this.gallery = gallery;
        this.library = library;
        this.trash = trash;
        this.exporter = exporter;
        this.io = io;
        this.fx = fx;
    }

    /** Marks the targets as favourites, or unmarks them all when every one is a favourite already. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> toggleFavourite() {
        List<Tile> t = gallery.targets();
        if (t.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean on = t.stream().anyMatch(x -> !x.favourite());
        return write(() -> {
            library.setFavourite(GalleryViewModel.ids(t), on);
            String n = GalleryViewModel.count(t.size());
            return on ? Messages.get("gallery.favourite.on", n) : Messages.get("gallery.favourite.off", n);
        });
    }

    @CanIgnoreReturnValue // shows its own failures

    public CompletableFuture<Void> addTag(String text) {
        List<Tile> t = gallery.targets();
        if (t.isEmpty() || text == null || text.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        return write(() -> {
            library.addTag(GalleryViewModel.ids(t), text);
            return Messages.get("gallery.tagged", GalleryViewModel.count(t.size()), text.strip());
        });
    }

    @CanIgnoreReturnValue // shows its own failures

    public CompletableFuture<Void> removeTag(String text) {
        Artwork a = gallery.viewer().viewedProperty().get();
        if (a == null) {
            return CompletableFuture.completedFuture(null);
        }
        return write(() -> {
            library.removeTag(List.of(a.id()), text);
            return Messages.get("gallery.untagged", text);
        });
    }

    /** Moves the targets' files to the trash and out of the library. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> deleteTargets() {
        List<Tile> t = gallery.targets();
        if (t.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int at = gallery.focusProperty().get();
        return write(() -> {
            Library.Deleted d = library.delete(GalleryViewModel.ids(t), trash);
            fx.execute(() -> undoable.set(d.restorable()));
            String where = trash.freedesktop() ? Messages.get("gallery.trash.freedesktop")
                    : Messages.get("gallery.trash.system");
            String done = d.removed() == 0 ? ""
                    : Messages.get("gallery.trashed", GalleryViewModel.count(d.removed()), where);
            return d.problems().isEmpty() ? done : (done + " " + Messages.get(Text.joined(d.problems()))).strip();
        }).thenRunAsync(() -> {
            gallery.closeViewer();
            gallery.focusProperty().set(Math.min(at, gallery.tiles().size() - 1));
            gallery.selection().clear();
        }, fx);
    }

    /** The files the last Move to trash can bring back (the view offers Undo while it is not empty). */
    public ReadOnlyObjectProperty<List<Trash.Trashed>> undoableProperty() {
        return undoable.getReadOnlyProperty();
    }

    /** Offered for a moment only: after it the trash is the desktop's to manage. */
    public void forgetUndo() {
        undoable.set(List.of());
    }

    /** Undo of the last Move to trash: the files back in place and in the library. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> undoDelete() {
        List<Trash.Trashed> back = undoable.get();
        if (back.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        undoable.set(List.of());
        return write(() -> {
            Library.Deleted d = library.restore(back, trash);
            String done = d.removed() == 0 ? "" : Messages.get("gallery.untrashed", d.removed());
            return d.problems().isEmpty() ? done : (done + " " + Messages.get(Text.joined(d.problems()))).strip();
        });
    }

    /** What is wrong with an export name pattern, or null when it is fine. */
    public String patternProblem(String pattern) {
        try {
            Exporter.checkPattern(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return Messages.of(e);
        }
    }

    /** Exports the targets with the options chosen. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> export(Exporter.Options options) {
        List<Tile> t = gallery.targets();
        if (t.isEmpty()) {
            gallery.say(Messages.get("gallery.selectTheImagesTo"));
            return CompletableFuture.completedFuture(null);
        }
        gallery.setBusy(true);
        gallery.say(Messages.get("gallery.exporting", GalleryViewModel.count(t.size())));
        return CompletableFuture.supplyAsync(() -> {
            try {
                Exporter.Report r = exporter.export(library.artworks(GalleryViewModel.ids(t)), options);
                String done = Messages.get("gallery.exported", GalleryViewModel.count(r.written().size()),
                        options.folder());
                return r.problems().isEmpty() ? done
                        : done + " " + Messages.get("gallery.notExported", Messages.get(Text.joined(r.problems())));
            } catch (IOException | SQLException | IllegalArgumentException e) {
                throw new CompletionException(e);
            }
        }, io).thenAcceptAsync(text -> {
            gallery.setBusy(false);
            gallery.say(text);
        }, fx).exceptionallyAsync(e -> {
            gallery.setBusy(false);
            gallery.say(Messages.get("gallery.exportFailed", Messages.of(Futures.unwrap(e))));
            return null;
        }, fx);
    }

    private CompletableFuture<Void> write(SqlText work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (SQLException | IllegalArgumentException e) {
                throw new CompletionException(e);
            }
        }, io).thenComposeAsync(text -> {
            gallery.say(text);
            return gallery.refresh().thenCompose(x -> gallery.viewer().reload().exceptionally(e -> null));
        }, fx).exceptionallyAsync(gallery::report, fx);
    }

    @FunctionalInterface
    private interface SqlText {
        String run() throws SQLException;
    }
}
