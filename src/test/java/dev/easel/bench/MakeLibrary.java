package dev.easel.bench;

import dev.easel.testing.Databases;
import dev.easel.io.Database;
import dev.easel.demo.DemoRenderer;
import dev.easel.library.Library;
import dev.easel.library.LibraryQuery;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.library.ThumbnailCache;
import dev.easel.settings.AppFolders;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a library of procedural demo images the way Easel saves results (PNG with metadata, index row, thumbnail),
 * under an Easel home folder: {@code MakeLibrary HOME [COUNT] [SIZE]}. Run it with src/test/scripts/make-library.sh;
 * then {@code EASEL_HOME=HOME ./mvnw javafx:run} opens it, and GalleryBenchmark measures it.
 */
public final class MakeLibrary {

    private static final String[] SUBJECTS = {"a lighthouse", "a red fox", "an old treehouse", "a koi pond",
        "a mountain village", "a paper boat", "a desert caravan", "a glass greenhouse", "a sleeping dragon",
        "a harbour at dusk", "a bicycle", "a cathedral", "an owl", "a lantern festival", "a coral reef",
        "a snowy forest", "a robot gardener", "a violin", "a cup of tea", "a city skyline"};
    private static final String[] MOODS = {"in the rain", "at golden hour", "under northern lights", "in fog",
        "on a summer morning", "at midnight", "in autumn", "during a storm", "in spring bloom", "by candlelight"};
    private static final String[] STYLES = {"watercolor", "oil painting", "35mm photo", "isometric render",
        "ukiyo-e print", "charcoal sketch", "cinematic lighting", "pixel art", "gouache", "studio portrait"};
    private static final String[] TEMPLATES = {"flux1-dev-fp8", "flux1-schnell", "sdxl", "sd3"};
    private static final String[] ENDPOINTS = {"Demo", "My 4090", "Team A100"};
    private static final int[][] SIZES = {{1, 1}, {3, 4}, {4, 3}};

    private MakeLibrary() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        AppFolders folders = AppFolders.under(home);
        var thumbWorkers = Executors.newSingleThreadExecutor();
        ThumbnailCache thumbs = new ThumbnailCache(folders.cache().resolve("thumbnails"), thumbWorkers);
        var sent = Fixtures.tutorialInput().get("workflow");
        long t0 = System.nanoTime();
        try (Database db = Databases.open(folders.data().resolve("easel.db"))) {
            ResultStore store = new ResultStore(folders.pictures(), db, ZoneId.systemDefault(), thumbs);
            Library library = new Library(db, folders.pictures(), thumbs, ZoneId.systemDefault());
            int already = library.count(LibraryQuery.all());
            AtomicInteger done = new AtomicInteger(already);
            Instant newest = Instant.parse("2026-11-24T12:00:00Z");
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            List<Future<?>> work = new ArrayList<>();
            for (int i = already; i < count; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(n * 7919L);
                    String prompt = SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + MOODS[r.nextInt(MOODS.length)]
                            + ", " + STYLES[r.nextInt(STYLES.length)];
                    int[] ratio = SIZES[r.nextInt(SIZES.length)];
                    int w = ratio[0] >= ratio[1] ? size : size * ratio[0] / ratio[1] / 16 * 16;
                    int h = ratio[1] >= ratio[0] ? size : size * ratio[1] / ratio[0] / 16 * 16;
                    long seed = r.nextLong(1L << 48);
                    Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
                    p.put(Parameter.PROMPT, prompt);
                    p.put(Parameter.NEGATIVE_PROMPT, r.nextInt(4) == 0 ? "blurry, low quality" : "");
                    p.put(Parameter.SEED, seed);
                    p.put(Parameter.STEPS, 4 + r.nextInt(30));
                    p.put(Parameter.WIDTH, w);
                    p.put(Parameter.HEIGHT, h);
                    p.put(Parameter.SAMPLER, "euler");
                    byte[] png = new DemoRenderer().renderPng(prompt, seed, 10, w, h, 0);
                    // spread over two years, newest last
                    Instant created = newest.minusSeconds((long) (count - n) * 3100);
                    try {
                        var a = store.save(new ResultToSave(0, "demo-" + n, ENDPOINTS[r.nextInt(ENDPOINTS.length)],
                                png, 0, sent, null, p, TEMPLATES[r.nextInt(TEMPLATES.length)],
                                Duration.ofMillis(r.nextInt(3000)), Duration.ofMillis(2000 + r.nextInt(20000)),
                                r.nextDouble() * 0.01, created));
                        if (r.nextInt(20) == 0) {
                            library.setFavourite(List.of(a.id()), true);
                        }
                        if (r.nextInt(10) == 0) {
                            library.addTag(List.of(a.id()), r.nextBoolean() ? "portfolio" : "print");
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    int d = done.incrementAndGet();
                    if (d % 1000 == 0) {
                        System.out.printf("%,d images (%.0f s)%n", d, (System.nanoTime() - t0) / 1e9);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("library of %,d images in %s (%.0f s)%n", library.count(LibraryQuery.all()),
                    home, (System.nanoTime() - t0) / 1e9);
        } finally {
            thumbWorkers.shutdown();
        }
    }
}
