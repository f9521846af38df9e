package dev.easel.ui.gallery;

import dev.easel.io.Futures;
import dev.easel.io.LifoPool;
import dev.easel.library.Tile;
import javafx.application.Platform;
import javafx.scene.image.Image;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the grid's tiles show beyond their {@link Tile}: decoded thumbnails and prompts, the few hundred used last
 * kept in memory whatever the library's size. Thumbnails are decoded on one thread of the grid's own, the newest
 * request first, and only while a tile still wants them: JavaFX's own background loading starts a thread for each
 * image, and during a fast scroll dozens of them at once took the two cores from drawing the frames, mostly for
 * tiles already scrolled past. FX thread only, except where said.
 */
final class TileImages {

    private static final int KEPT = 400;

    private final GalleryViewModel vm;
    private final Map<Long, Image> images = recent(KEPT);
    private final Map<Long, String> prompts = recent(KEPT);
    private final ThreadPoolExecutor decoder = LifoPool.of(1, "easel-decode-");

    TileImages(GalleryViewModel vm) {
        this.vm = vm;
        decoder.allowCoreThreadTimeOut(true); // no thread is left behind by a grid that is gone
    }

    /** A map that keeps the {@code kept} entries used last. */
    private static <V> Map<Long, V> recent(int kept) {
        return new LinkedHashMap<>(kept, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > kept;
            }
        };
    }

    /** The tile's thumbnail at the current size, when it is in memory. */
    Image cached(Tile t) {
        return images.get(t.id());
    }

    /** Forgets the thumbnails (they were decoded at another size). */
    void sizeChanged() {
        images.clear();
    }

    /**
     * Makes and decodes a tile's thumbnail at {@code size} and gives it to {@code show} on the FX thread, unless by
     * then {@code wanted} (read on the decoder's thread too) no longer names the tile's image: then nothing is decoded.
     */
    void load(Tile t, double size, LongSupplier wanted, Consumer<Image> show) {
        long id = t.id();
        Futures.detach(vm.thumbnail(t).thenCompose(path -> wanted.getAsLong() != id
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> wanted.getAsLong() == id
                        ? new Image(path.toUri().toString(), size, size, true, true) : null, decoder))
                .thenAcceptAsync(img -> {
                    if (img == null || img.isError() || size != vm.thumbSizeProperty().get()) {
                        return;
                    }
                    images.put(id, img);
                    if (wanted.getAsLong() == id) {
                        show.accept(img);
                    }
                }, Platform::runLater), "a thumbnail");
    }

    /** What a tile is called: its prompt once read ({@link #readPrompt}), else its file's name. */
    String describe(Tile t) {
        if (t == null) {
            return "";
        }
        String prompt = prompts.get(t.id());
        if (prompt != null && !prompt.isBlank()) {
            return prompt;
        }
        return t.path().substring(t.path().lastIndexOf(File.separatorChar) + 1);
    }

    /** Reads a tile's prompt in the background, the first time, then runs {@code then} on the FX thread. */
    void readPrompt(Tile t, Runnable then) {
        if (t == null || prompts.containsKey(t.id())) {
            return;
        }
        Futures.detach(vm.prompt(t).thenAccept(p -> {
            prompts.put(t.id(), p);
            then.run();
        }), "a tile's prompt");
    }
}
