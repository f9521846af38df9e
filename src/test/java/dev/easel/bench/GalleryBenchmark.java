package dev.easel.bench;

import dev.easel.testing.Databases;
import dev.easel.io.Database;
import atlantafx.base.theme.PrimerLight;
import dev.easel.App;
import dev.easel.library.Library;
import dev.easel.library.LibraryQuery;
import dev.easel.library.ThumbnailCache;
import dev.easel.library.Trash;
import dev.easel.settings.AppFolders;
import dev.easel.ui.fx.FxExecutor;
import dev.easel.ui.fx.RowSheet;
import dev.easel.ui.gallery.GalleryView;
import dev.easel.ui.gallery.GalleryViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.TemplateLibrary;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gallery on a large library (made by MakeLibrary): prompt-search latency, time to the first screen of
 * thumbnails, frame times while scrolling from top to bottom, and heap. Run with
 * src/test/scripts/gallery-benchmark.sh HOME; numbers go to docs/benchmarks.md.
 */
public final class GalleryBenchmark {

    private GalleryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        double rowsPerFrame = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        // "cold": an empty thumbnail cache, so the first screen's thumbnails are made from the PNGs; no scrolling
        boolean cold = args.length > 2 && args[2].equals("cold");
        AppFolders folders = AppFolders.under(home);
        var thumbWorkers = ThumbnailCache.lifoExecutor(2);
        var io = Executors.newVirtualThreadPerTaskExecutor();
        ThumbnailCache thumbs = new ThumbnailCache(cold ? Files.createTempDirectory("cold-thumbs")
                : folders.cache().resolve("thumbnails"), thumbWorkers);
        CountDownLatch started = new CountDownLatch(1);
        try (Database db = Databases.open(folders.data().resolve("easel.db"))) {
            Library library = new Library(db, folders.pictures(), thumbs, ZoneId.systemDefault());
            int total = library.count(LibraryQuery.all());
            System.out.printf(Locale.ROOT, "library: %,d images in %s%n", total, home);
            search(library);

            long t0 = System.nanoTime();
            Library.Rescan rescan = library.rescan();
            System.out.printf(Locale.ROOT, "rescan at start (nothing changed: %s): %.0f ms%n", rescan,
                    (System.nanoTime() - t0) / 1e6);

            Platform.startup(started::countDown);
            if (!started.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("JavaFX did not start in a minute (GTK 3 installed? DISPLAY set?)");
            }
            var fx = new FxExecutor();
            var result = new CompletableFuture<Void>();
            Platform.runLater(() -> {
                try {
                    ui(library, io, fx, cold ? 0 : rowsPerFrame, result);
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
            result.get(10, TimeUnit.MINUTES);
        } finally {
            if (started.getCount() == 0) { // Platform.exit waits for a platform that never started
                Platform.exit();
            }
            thumbWorkers.shutdownNow();
            io.shutdownNow();
        }
    }

    private static void search(Library library) throws Exception {
        String[] queries = {"", "lighthouse", "dragon storm", "koi pond watercolor", "cand", "nothing-like-this"};
        System.out.println("search (all matching tiles loaded, newest first), 40 runs each after 10 warm-up:");
        for (String q : queries) {
            LibraryQuery query = LibraryQuery.all().withText(q);
            int rows = 0;
            for (int i = 0; i < 10; i++) {
                rows = library.tiles(query).size();
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long t = System.nanoTime();
                library.tiles(query);
                ms.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(ms);
            System.out.printf(Locale.ROOT, "  %-22s %6d rows  median %6.1f ms  p95 %6.1f ms%n",
                    q.isEmpty() ? "(everything)" : "\"" + q + "\"", rows, ms.get(ms.size() / 2),
                    ms.get((int) (ms.size() * 0.95)));
        }
        LibraryQuery favs = LibraryQuery.all().withFavouritesOnly(true).withSort(LibraryQuery.Sort.PROMPT);
        long t = System.nanoTime();
        int n = library.tiles(favs).size();
        System.out.printf(Locale.ROOT, "  favourites by prompt   %6d rows  %6.1f ms (one run)%n", n,
                (System.nanoTime() - t) / 1e6);
    }

    private static void ui(Library library, Executor io, FxExecutor fx, double rowsPerFrame,
                           CompletableFuture<Void> result) {
        var session = new WorkflowSession(new TemplateLibrary(Path.of("target", "bench-templates")).defaultTemplate());
        var vm = new GalleryViewModel(library, null, new Trash(Path.of("target", "bench-trash")), session, io, fx);
        var view = new GalleryView(vm, p -> { });
        var stage = new Stage();
        // as the app looks: AtlantaFX's theme and Easel's stylesheet
        Application.setUserAgentStylesheet(new PrimerLight()
                .getUserAgentStylesheet());
        var scene = new Scene(view, 1280, 820);
        scene.getStylesheets().add(App.class.getResource("easel.css").toExternalForm());
        stage.setScene(scene);
        long open = System.nanoTime();
        stage.show();
        vm.refresh();
        Runtime rt = Runtime.getRuntime();
        new AnimationTimer() {
            long last;
            long firstScreen = -1;
            int scrollFrames;
            long peakHeap;
            final List<Double> frames = new ArrayList<>();

            @Override
            public void handle(long now) {
                peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                if (firstScreen < 0) {
                    List<ImageView> shown = visibleThumbnails(view);
                    if (!shown.isEmpty() && shown.stream().allMatch(v -> v.getImage() != null
                            && v.getImage().getProgress() >= 1)) {
                        firstScreen = System.nanoTime();
                        System.out.printf(Locale.ROOT, "first screen of thumbnails (%d tiles) %.0f ms after opening%n",
                                shown.size(), (firstScreen - open) / 1e6);
                        last = now;
                        if (rowsPerFrame == 0) {
                            stop();
                            stage.close();
                            result.complete(null);
                        }
                    }
                    return;
                }
                frames.add((now - last) / 1e6);
                last = now;
                scrollFrames++;
                var sheet = (RowSheet<?>) view.lookup(".row-sheet");
                double before = sheet.offset();
                // what a mouse wheel does: scroll the grid by some pixels (here, whole rows)
                sheet.scrollBy(rowsPerFrame * (vm.thumbSizeProperty().get() + 8));
                if (sheet.offset() == before && scrollFrames > 10) {
                    stop();
                    report(frames, peakHeap, visibleThumbnails(view).size());
                    stage.close();
                    result.complete(null);
                }
            }
        }.start();
    }

    private static List<ImageView> visibleThumbnails(GalleryView view) {
        List<ImageView> list = new ArrayList<>();
        for (Node tile : view.lookupAll(".tile")) {
            if (tile.isVisible() && tile.localToScene(tile.getBoundsInLocal()).getMaxY() > 0
                    && tile.localToScene(tile.getBoundsInLocal()).getMinY() < view.getHeight()) {
                for (Node c : ((Parent) tile).getChildrenUnmodifiable()) {
                    if (c instanceof ImageView v) {
                        list.add(v);
                    }
                }
            }
        }
        return list;
    }

    private static void report(List<Double> frames, long peakHeap, int tiles) {
        List<Double> sorted = new ArrayList<>(frames);
        Collections.sort(sorted);
        long over = sorted.stream().filter(f -> f > 33.3).count();
        System.out.printf(Locale.ROOT, "scroll top to bottom: %d frames, frame interval median %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms, %d frames over 33 ms%n", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.99)), sorted.getLast(), over);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(Locale.ROOT, "heap: peak used %.0f MB while scrolling, %.0f MB after GC (max heap %.0f MB)%n",
                peakHeap / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
    }
}
