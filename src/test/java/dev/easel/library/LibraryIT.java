package dev.easel.library;

import dev.easel.io.Database;
import dev.easel.jobs.JobsSchema;
import dev.easel.io.Schema;
import dev.easel.testing.Databases;
import dev.easel.demo.DemoRenderer;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.PngText;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LibraryIT {

    @TempDir
    Path dir;
    private Database db;
    private ResultStore store;
    private Library library;
    private ThumbnailCache thumbs;
    private final ExecutorService thumbWorkers = Executors.newVirtualThreadPerTaskExecutor();
    private final Instant when = Instant.parse("2026-11-20T10:00:00Z");

    @BeforeEach
    void open() throws Exception {
        db = Databases.open(dir.resolve("easel.db"));
        thumbs = new ThumbnailCache(dir.resolve("thumbs"), thumbWorkers);
        store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC, thumbs);
        library = new Library(db, dir.resolve("out"), thumbs, ZoneOffset.UTC);
    }

    @AfterEach
    void close() throws Exception {
        thumbWorkers.shutdownNow();
        db.close();
    }

    private Artwork save(String prompt, long seed, int w, int h, String template, String endpoint, Instant at)
            throws Exception {
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.PROMPT, prompt);
        p.put(Parameter.SEED, seed);
        p.put(Parameter.WIDTH, w);
        p.put(Parameter.HEIGHT, h);
        return store.save(new ResultToSave(0, "job-" + seed, endpoint, new DemoRenderer().renderPng(prompt, seed, 5,
                w, h, 0), 0, Fixtures.tutorialInput().get("workflow"), null, p, template, null, null, 0.001, at));
    }

    @Test
    void aDamagedPictureInTheFolderIsSkippedAndNeverStopsTheRescan() throws Exception {
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "jpg", jpg);
        byte[] good = JpegExif.withUserComment(jpg.toByteArray(), "a pier\nSteps: 8, Seed: 31, Size: 20x10");
        // the same picture with one byte of its EXIF segment changed, every byte, two ways: offsets and counts
        // that point before the start or past the end (the hand-written reader threw on some of these)
        Files.createDirectories(dir.resolve("out"));
        int app1Length = ((good[4] & 0xff) << 8) | (good[5] & 0xff);
        int files = 0;
        for (int at = 6; at < 4 + app1Length; at++) {
            for (int v : new int[] {0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[at] = (byte) v;
                Files.write(dir.resolve("out/damaged-" + at + "-" + v + ".jpg"), bad);
                files++;
            }
        }
        Files.write(dir.resolve("out/fine.jpg"), good);
        Library.Rescan r = library.rescan();
        assertThat(r.added()).as("each picture indexed or said to be unreadable, none stops the rescan")
                .isEqualTo(files + 1 - r.unreadable().size());
        assertThat(library.tiles(LibraryQuery.all().withText("pier"))).isNotEmpty();
    }

    @Test
    void filtersAndSortsNarrowTheGallery() throws Exception {
        Artwork fox = save("a red fox in the snow", 1, 64, 64, "flux1-dev-fp8", "Demo", when);
        Artwork owl = save("an owl at night", 2, 96, 64, "sdxl", "My 4090", when.plusSeconds(86_400));
        Artwork bee = save("Bee on a flower", 3, 64, 64, "flux1-dev-fp8", "My 4090", when.plusSeconds(2 * 86_400));
        LibraryQuery all = LibraryQuery.all();
        assertThat(library.tiles(all)).extracting(Tile::id).containsExactly(bee.id(), owl.id(), fox.id());
        assertThat(library.tiles(all.withSort(LibraryQuery.Sort.OLDEST))).extracting(Tile::id)
                .containsExactly(fox.id(), owl.id(), bee.id());
        assertThat(prompts(library.tiles(all.withSort(LibraryQuery.Sort.PROMPT))))
                .containsExactly("a red fox in the snow", "an owl at night", "Bee on a flower");
        assertThat(library.prompts(List.of(owl.id(), -5L))).as("an unknown id is left out")
                .containsExactly(Map.entry(owl.id(), "an owl at night"));
        assertThat(library.prompts(List.of())).isEmpty();
        assertThat(library.tiles(all.withTemplate("sdxl"))).extracting(Tile::id).containsExactly(owl.id());
        assertThat(library.tiles(all.withEndpoint("My 4090"))).extracting(Tile::id).containsExactly(bee.id(), owl.id());
        assertThat(library.tiles(all.withSize(64, 64))).extracting(Tile::id).containsExactly(bee.id(), fox.id());
        assertThat(library.tiles(all.withSeed(2L))).extracting(Tile::id).containsExactly(owl.id());
        LocalDate day2 = LocalDate.of(2026, 11, 21);
        assertThat(library.tiles(all.withDates(day2, day2))).extracting(Tile::id).containsExactly(owl.id());
        assertThat(library.tiles(all.withDates(day2, null))).extracting(Tile::id).containsExactly(bee.id(), owl.id());
        assertThat(library.tiles(all.withText("fox").withEndpoint("My 4090"))).isEmpty();
        assertThat(library.count(all.withText("o"))).isEqualTo(2); // "owl", "on": prefixes
        assertThat(library.facets().templates()).containsExactly("flux1-dev-fp8", "sdxl");
        assertThat(library.facets().sizes()).containsExactly("64×64", "96×64");
        assertThat(library.facets().endpoints()).containsExactly("Demo", "My 4090");
    }

    @Test
    void searchFindsWordsTagsPhrasesAndEitherOfTwoWithOr() throws Exception {
        Artwork fox = save("a red fox in the snow", 1, 64, 64, null, "Demo", when);
        Artwork sailor = save("an old sailor on a pier", 2, 64, 64, null, "Demo", when.plusSeconds(1));
        Artwork snowFox = save("snow, then a fox", 3, 64, 64, null, "Demo", when.plusSeconds(2));
        library.addTag(List.of(sailor.id()), "portfolio");
        LibraryQuery all = LibraryQuery.all();
        assertThat(library.tiles(all.withText("fox OR sailor"))).extracting(Tile::id)
                .containsExactlyInAnyOrder(fox.id(), sailor.id(), snowFox.id());
        assertThat(library.tiles(all.withText("\"fox in\""))).as("a phrase: those words in a row")
                .extracting(Tile::id).containsExactly(fox.id());
        assertThat(library.tiles(all.withText("fox snow"))).as("every word, in any order")
                .extracting(Tile::id).containsExactlyInAnyOrder(fox.id(), snowFox.id());
        assertThat(library.tiles(all.withText("portf"))).as("a tag, by its start").extracting(Tile::id)
                .containsExactly(sailor.id());
        assertThat(library.tiles(all.withText("PORTFOLIO pier"))).extracting(Tile::id).containsExactly(sailor.id());
        assertThat(library.tiles(all.withText("red OR \"old sailor\" OR"))).extracting(Tile::id)
                .containsExactlyInAnyOrder(fox.id(), sailor.id());
        assertThat(library.tiles(all.withText("or"))).as("a lower-case or is a word").isEmpty();
        // typed syntax is only text: FTS operators, SQL, a lone quote, LIKE wildcards
        for (String odd : List.of("fox*", "NEAR(fox snow)", "'; DROP TABLE images; --", "\"", "%", "_", "fox AND",
                "OR", "\"\"", "(", "col:fox")) {
            assertThat(library.count(all.withText(odd))).as(odd).isLessThanOrEqualTo(3);
        }
        assertThat(library.count(all.withText("_"))).as("_ is not a wildcard (it would match the tag)").isZero();
        assertThat(library.count(all.withText("%"))).as("punctuation alone searches for nothing").isEqualTo(3);
        assertThat(library.count(all)).isEqualTo(3);
    }

    @Test
    void aTileCarriesEveryFieldItsRowHasAndItsPathAsWritten() throws Exception {
        Artwork a = save("lighthouse", 7, 1536, 640, null, "Demo", when);
        library.setFavourite(List.of(a.id()), true);
        // a picture put in the folder by hand: a name in several scripts, no seed
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "jpg", jpg);
        Path odd = dir.resolve("out").resolve("Füchse – 狐 🦊 $(x) 'q'.jpg");
        Files.write(odd, jpg.toByteArray());
        assertThat(library.rescan().added()).isEqualTo(1);
        Files.delete(a.file());
        library.rescan();

        List<Tile> tiles = library.tiles(LibraryQuery.all().withSort(LibraryQuery.Sort.OLDEST));
        assertThat(tiles).hasSize(2);
        Tile saved = tiles.getFirst();
        assertThat(saved.id()).isEqualTo(a.id());
        assertThat(saved.file()).isEqualTo(a.file());
        assertThat(List.of(saved.width(), saved.height())).containsExactly(1536, 640);
        assertThat(saved.seed()).isEqualTo(7L);
        assertThat(saved.favourite()).isTrue();
        assertThat(saved.missing()).isTrue();
        assertThat(saved.created()).isEqualTo(when);
        Tile found = tiles.getLast();
        assertThat(found.file()).isEqualTo(odd).exists();
        assertThat(List.of(found.width(), found.height())).containsExactly(20, 10);
        assertThat(found.seed()).isNull();
        assertThat(found.favourite()).isFalse();
        assertThat(found.missing()).isFalse();
    }

    @Test
    void favouritesAndTagsAreKeptAndFiltered() throws Exception {
        Artwork a = save("lighthouse", 1, 32, 32, null, "Demo", when);
        Artwork b = save("harbour", 2, 32, 32, null, "Demo", when.plusSeconds(1));
        library.setFavourite(List.of(a.id()), true);
        assertThat(library.tiles(LibraryQuery.all().withFavouritesOnly(true))).extracting(Tile::id)
                .containsExactly(a.id());
        assertThat(library.artwork(a.id()).orElseThrow().favourite()).isTrue();
        library.addTag(List.of(a.id(), b.id()), "  sea  ");
        library.addTag(List.of(b.id()), "Night");
        library.addTag(List.of(b.id()), "night"); // tags ignore case: no second one
        assertThat(library.tags(b.id())).containsExactly("Night", "sea");
        assertThat(library.tiles(LibraryQuery.all().withTag("SEA"))).hasSize(2);
        library.removeTag(List.of(a.id()), "sea");
        assertThat(library.tiles(LibraryQuery.all().withTag("sea"))).extracting(Tile::id).containsExactly(b.id());
        assertThat(library.facets().tags()).containsExactly("Night", "sea");
        assertThatThrownBy(() -> library.addTag(List.of(a.id()), "  ")).hasMessageContaining("1 to 64");
    }

    @Test
    void deletingMovesTheFileToTheTrashWithAnInfoRecord() throws Exception {
        Artwork a = save("to be deleted", 1, 32, 32, null, "Demo", when);
        Artwork keep = save("kept", 2, 32, 32, null, "Demo", when);
        assertThat(Files.exists(thumbs.pathFor(a.id()))).as("the thumbnail was made when saving").isTrue();
        library.addTag(List.of(a.id()), "gone");
        Path trash = dir.resolve("Trash");
        Library.Deleted d = library.delete(List.of(a.id()), new Trash(trash));
        assertThat(d.removed()).isEqualTo(1);
        assertThat(d.problems()).isEmpty();
        assertThat(Files.exists(a.file())).isFalse();
        Path trashed = trash.resolve("files").resolve(a.file().getFileName());
        assertThat(trashed).exists();
        assertThat(Files.readString(trash.resolve("info").resolve(a.file().getFileName() + ".trashinfo")))
                .startsWith("[Trash Info]\nPath=" + Trash.encode(a.file().toString()) + "\nDeletionDate=");
        assertThat(library.tiles(LibraryQuery.all())).extracting(Tile::id).containsExactly(keep.id());
        assertThat(library.facets().tags()).as("its tags went with it").isEmpty();
        assertThat(Files.exists(thumbs.pathFor(a.id()))).isFalse();
    }

    @Test
    void aFileThatCantBeTrashedStaysWithItsRow() throws Exception {
        Artwork a = save("stays", 1, 32, 32, null, "Demo", when);
        Path notADir = dir.resolve("trash-is-a-file");
        Files.writeString(notADir, "x");
        Library.Deleted d = library.delete(List.of(a.id()), new Trash(notADir));
        assertThat(d.removed()).isZero();
        assertThat(d.problems()).hasSize(1);
        assertThat(a.file()).exists();
        assertThat(library.count(LibraryQuery.all())).isEqualTo(1);
    }

    @Test
    void rescanMarksMissingFilesRestoresThemAndIndexesNewOnes() throws Exception {
        Artwork a = save("a lighthouse", 7, 32, 32, "flux1-dev-fp8", "Demo", when);
        Path moved = dir.resolve("moved.png");
        Files.move(a.file(), moved);
        Library.Rescan r = library.rescan();
        assertThat(r.missing()).isEqualTo(1);
        assertThat(library.tiles(LibraryQuery.all())).singleElement().satisfies(t -> assertThat(t.missing()).isTrue());
        assertThat(library.rescan().missing()).as("counted once").isZero();
        Files.move(moved, a.file());
        assertThat(library.rescan().restored()).isEqualTo(1);
        assertThat(library.tiles(LibraryQuery.all()).getFirst().missing()).isFalse();

        // an A1111 PNG, a ComfyUI PNG and a plain JPEG copied into the folder
        Map<String, String> a1111 = new LinkedHashMap<>();
        a1111.put("parameters", "masterpiece, a castle\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M, "
                + "Schedule type: Karras, CFG scale: 7, Seed: 1234, Size: 48x32, Model: sd15");
        Files.write(dir.resolve("out/a1111.png"), PngChunks.withText(png(48, 32), a1111));
        Map<String, String> comfy = Map.of("prompt", Fixtures.text("comfyui_workflow.json").contains("\"input\"")
                ? Fixtures.tutorialInput().get("workflow").toString() : Fixtures.text("comfyui_workflow.json"));
        Files.write(dir.resolve("out/ComfyUI_00001_.png"), PngChunks.withText(png(40, 40), comfy));
        Files.createDirectories(dir.resolve("out/holiday"));
        Files.write(dir.resolve("out/holiday/beach.png"), png(30, 30)); // a subfolder: not Easel's, left alone
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "jpg", jpg);
        Files.write(dir.resolve("out/photo.jpg"), JpegExif.withUserComment(jpg.toByteArray(),
                "a foggy pier\nSteps: 8, Seed: 31, Size: 20x10"));
        Files.writeString(dir.resolve("out/notes.txt"), "not an image");
        Files.write(dir.resolve("out/broken.png"), Arrays.copyOf(png(10, 10), 40));
        Path temp = dir.resolve("out/.easel-123.tmp");
        Files.write(temp, new byte[] {1, 2});
        Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minusSeconds(600)));

        r = library.rescan();
        assertThat(r.added()).isEqualTo(3);
        assertThat(r.temporaryRemoved()).isEqualTo(1);
        assertThat(r.unreadable()).singleElement().asString().startsWith("broken.png");
        assertThat(temp).doesNotExist();
        assertThat(library.rescan().added()).as("nothing twice").isZero();
        Tile castle = library.tiles(LibraryQuery.all().withText("castle")).getFirst();
        Artwork c = library.artwork(castle.id()).orElseThrow();
        assertThat(c.prompt()).isEqualTo("masterpiece, a castle");
        assertThat(c.negativePrompt()).isEqualTo("blurry");
        assertThat(c.seed()).isEqualTo(1234L);
        assertThat(c.width()).isEqualTo(48);
        assertThat(c.paramsJson()).contains("\"steps\":20").contains("\"sampler\":\"DPM++ 2M\"");
        Artwork tree = library.artwork(library.tiles(LibraryQuery.all().withText("treehouse")).getFirst().id())
                .orElseThrow();
        assertThat(tree.seed()).as("read from the ComfyUI graph").isEqualTo(243057879077961L);
        assertThat(library.tiles(LibraryQuery.all().withSize(20, 10))).singleElement()
                .satisfies(t -> assertThat(prompts(List.of(t))).as("from the JPEG's EXIF").containsExactly("a foggy pier"));
        assertThat(library.tiles(LibraryQuery.all().withSize(30, 30))).as("subfolders are not scanned").isEmpty();
    }

    @Test
    void imagesKeptInAnEarlierOutputFolderAreStillFoundAfterTheFolderChanged() throws Exception {
        Artwork kept = save("a lighthouse", 7, 32, 32, "flux1-dev-fp8", "Demo", when);
        Artwork gone = save("a harbour", 8, 32, 32, "flux1-dev-fp8", "Demo", when);
        Files.delete(gone.file());
        // the user chose another output folder: the rescan lists that one, the older pictures are looked up one by one
        Files.createDirectories(dir.resolve("elsewhere"));
        var moved = new Library(db, dir.resolve("elsewhere"), thumbs, ZoneOffset.UTC);

        Library.Rescan r = moved.rescan();

        assertThat(r.missing()).isEqualTo(1);
        assertThat(moved.tiles(LibraryQuery.all())).extracting(Tile::id, Tile::missing)
                .containsExactlyInAnyOrder(Tuple.tuple(kept.id(), false),
                        Tuple.tuple(gone.id(), true));
    }

    @Test
    void anEaselImageSavedJustBeforeACrashIsReindexedWithItsJob() throws Exception {
        Artwork a = save("saved before the crash", 99, 32, 32, "sdxl", "My 4090", when);
        db.with(c -> c.createStatement().executeUpdate("DELETE FROM images"));
        Library.Rescan r = library.rescan();
        assertThat(r.added()).isEqualTo(1);
        Artwork back = library.artwork(library.tiles(LibraryQuery.all()).getFirst().id()).orElseThrow();
        assertThat(back.prompt()).isEqualTo("saved before the crash");
        assertThat(back.templateId()).isEqualTo("sdxl");
        assertThat(back.endpoint()).isEqualTo("My 4090");
        assertThat(back.runpodId()).isEqualTo("job-99");
        assertThat(back.created()).isEqualTo(when);
        String hash = PngText.read(Files.readAllBytes(a.file())).get("easel")
                .replaceAll(".*\"source_sha256\":\"(\\w+)\".*", "$1");
        assertThat(store.alreadyImported("job-99", hash)).as("the received-bytes hash came back too").isTrue();
    }

    @Test
    void anOldDatabaseIsMigratedKeepingItsRows() throws Exception {
        db.close();
        Path old = dir.resolve("old.db");
        Map<Schema, Integer> early = new LinkedHashMap<>();
        early.put(JobsSchema.SCHEMA, 1);
        early.put(LibrarySchema.SCHEMA, 3);
        try (Database v3 = Database.open(old, early)) {
            v3.with(c -> c.createStatement().executeUpdate("INSERT INTO images (path, width, height, bytes, prompt, "
                    + "created) VALUES ('/x/old.png', 8, 8, 100, 'an old picture', 1)"));
        }
        db = Databases.open(old);
        assertThat(db.version(JobsSchema.SCHEMA)).isEqualTo(JobsSchema.SCHEMA.version()).isEqualTo(7);
        assertThat(db.version(LibrarySchema.SCHEMA)).isEqualTo(LibrarySchema.SCHEMA.version()).isEqualTo(5);
        assertThat(columns(db, "jobs")).as("jobs version 3: where a job's graph was imported from")
                .contains("imported_from");
        assertThat(columns(db, "jobs")).as("jobs version 5: a request's low priority").contains("low_priority");
        assertThat(columns(db, "sweep_cells")).as("jobs version 6: a sweep's cells").contains("sweep_id", "job_id");
        assertThat(columns(db, "images")).as("library version 4").contains("missing");
        assertThat(columns(db, "images")).as("library version 5: the sweep a grid shows").contains("sweep");
        library = new Library(db, dir.resolve("out"), thumbs, ZoneOffset.UTC);
        assertThat(library.tiles(LibraryQuery.all().withText("old"))).singleElement()
                .satisfies(t -> assertThat(t.missing()).isFalse());
    }

    @Test
    void aDatabaseFromBeforeEachPackageOwnedItsSchemaKeepsItsRowsAndVersions() throws Exception {
        db.close();
        Path old = dir.resolve("legacy.db");
        Map<Schema, Integer> v4 = new LinkedHashMap<>();
        v4.put(JobsSchema.SCHEMA, 1);
        v4.put(LibrarySchema.SCHEMA, 4);
        try (Database legacy = Database.open(old, v4)) {
            // as Easel wrote it before: one user_version for all tables, no schema_version table
            legacy.with(c -> {
                try (var s = c.createStatement()) {
                    s.execute("DROP TABLE schema_version");
                    s.execute("PRAGMA user_version = 4");
                    s.executeUpdate("INSERT INTO jobs (endpoint, endpoint_id, state, input, params, created) "
                            + "VALUES ('Demo', 'demo', 'COMPLETED', '{}', '{}', 1)");
                    return s.executeUpdate("INSERT INTO images (path, width, height, bytes, prompt, created) "
                            + "VALUES ('/x/legacy.png', 8, 8, 100, 'a legacy picture', 1)");
                }
            });
        }
        db = Databases.open(old);
        assertThat(db.version(JobsSchema.SCHEMA)).as("legacy 4 is jobs 1, migrated to the latest").isEqualTo(7);
        assertThat(db.version(LibrarySchema.SCHEMA)).as("legacy 4 is library 4: only version 5 run").isEqualTo(5);
        assertThat(columns(db, "jobs")).contains("version", "imported_from", "low_priority");
        int jobs = db.with(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM jobs")) {
                return rs.getInt(1);
            }
        });
        assertThat(jobs).isEqualTo(1);
        library = new Library(db, dir.resolve("out"), thumbs, ZoneOffset.UTC);
        assertThat(library.tiles(LibraryQuery.all().withText("legacy"))).hasSize(1);
        db.close();
        db = Databases.open(old);
        assertThat(db.version(JobsSchema.SCHEMA)).as("reopened: from schema_version now").isEqualTo(JobsSchema.SCHEMA.version());
    }

    @Test
    void aDatabaseFromANewerEaselIsRefusedWithASentence() throws Exception {
        db.with(c -> c.createStatement().executeUpdate("UPDATE schema_version SET version = 99 WHERE name = 'jobs'"));
        db.close();
        assertThatThrownBy(() -> Databases.open(dir.resolve("easel.db")))
                .hasMessageContaining("newer Easel").hasMessageContaining("jobs schema 99");
        db = Databases.open(dir.resolve("other.db"));
    }

    /** The tiles' prompts, in their order (tiles don't carry them: the grid reads them when a tooltip shows). */
    private List<String> prompts(List<Tile> tiles) throws Exception {
        var prompts = library.prompts(tiles.stream().map(Tile::id).toList());
        return tiles.stream().map(t -> prompts.get(t.id())).toList();
    }

    private static List<String> columns(Database db, String table) throws Exception {
        return db.with(c -> {
            List<String> names = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    @Test
    void thumbnailsAreMadeSmallAndRemadeWhenMissingOrStale() throws Exception {
        Artwork a = save("big", 1, 1024, 768, null, "Demo", when);
        Path t = thumbs.pathFor(a.id());
        var img = ImageIO.read(t.toFile());
        assertThat(img.getWidth()).isEqualTo(256);
        assertThat(img.getHeight()).isEqualTo(192);
        Files.delete(t);
        assertThat(thumbs.fresh(a.id(), a.file())).isEmpty();
        assertThat(thumbs.request(a.id(), a.file()).get()).isEqualTo(t);
        assertThat(t).exists();
        Files.setLastModifiedTime(t, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(thumbs.fresh(a.id(), a.file())).as("older than its image").isEmpty();
        Path broken = dir.resolve("broken.png");
        Files.write(broken, Arrays.copyOf(Files.readAllBytes(a.file()), 100));
        assertThatThrownBy(() -> thumbs.request(12345, broken).join()).hasCauseInstanceOf(IOException.class);
    }

    private static byte[] png(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
