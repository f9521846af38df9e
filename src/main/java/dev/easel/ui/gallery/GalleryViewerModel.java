package dev.easel.ui.gallery;

import dev.easel.library.Artwork;
import dev.easel.library.Library;
import dev.easel.library.LibraryException;
import dev.easel.text.Text;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongPredicate;

/**
 * What the viewer shows: one picture with its tags, or two side by side. Pictures are read from the library off the
 * FX thread and shown on it; a picture asked for after another one is the one that stays.
 */
public final class GalleryViewerModel {

    private final Library library;
    private final Executor io;
    private final Executor fx;
    private final ObjectProperty<Artwork> viewed = new SimpleObjectProperty<>();
    private final ObjectProperty<Artwork> compared = new SimpleObjectProperty<>();
    private final ObservableList<String> tags = FXCollections.observableArrayList();

    GalleryViewerModel(Library library, Executor io, Executor fx) {
        this.library = library;
        this.io = io;
        this.fx = fx;
    }

    private record Loaded(Artwork artwork, List<String> tags) { }

    private CompletableFuture<Loaded> load(long id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Artwork a = library.artwork(id).orElseThrow(() -> new CompletionException(
                        new LibraryException(Text.of("gallery.thatImageIsNo"))));
                return new Loaded(a, library.tags(id));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /** Shows picture {@code id} alone, if it is still the one wanted when it has been read. */
    CompletableFuture<Void> show(long id, LongPredicate stillWanted) {
        return load(id).thenAcceptAsync(a -> {
            if (stillWanted.test(id)) {
                compared.set(null);
                viewed.set(a.artwork());
                tags.setAll(a.tags());
            }
        }, fx);
    }

    /** Shows two pictures side by side. */
    CompletableFuture<Void> compare(long first, long second) {
        return load(first).thenCombine(load(second), List::of).thenAcceptAsync(both -> {
            viewed.set(both.get(0).artwork());
            tags.setAll(both.get(0).tags());
            compared.set(both.get(1).artwork());
        }, fx);
    }

    /** Reads the picture shown again (its tags or favourite changed); nothing when none is shown. */
    CompletableFuture<Void> reload() {
        Artwork v = viewed.get();
        if (v == null) {
            return CompletableFuture.completedFuture(null);
        }
        return load(v.id()).thenAcceptAsync(l -> {
            if (viewed.get() != null && viewed.get().id() == v.id()) {
                viewed.set(l.artwork());
                tags.setAll(l.tags());
            }
        }, fx);
    }

    void close() {
        viewed.set(null);
        compared.set(null);
    }

    boolean isOpen() {
        return viewed.get() != null;
    }

    public ObjectProperty<Artwork> viewedProperty() {
        return viewed;
    }

    public ObjectProperty<Artwork> comparedProperty() {
        return compared;
    }

    public ObservableList<String> tags() {
        return tags;
    }
}
