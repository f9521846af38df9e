package dev.easel.library;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.cli.EaselCommand;
import dev.easel.settings.SettingsStore;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.ImageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hostile-input corpus ({@code src/test/resources/bad}, made by {@code src/test/scripts/make-bad-corpus.py}):
 * every workflow through {@code inspect} and import, every /status answer through {@code decode} and import,
 * every picture through the rescan and "Use these settings", every settings file through loading. Each ends in a
 * sentence (or is used, when it is fine after all), never a stack trace, and nothing half-written is left.
 */
class BadCorpusIT {

    private static final Path CORPUS = Path.of("src/test/resources/bad");
    /** Kind → outcome → count, for docs/reliability.md. */
    private static final Map<String, Map<String, Integer>> OUTCOMES = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    private static List<Path> files(String kind) throws IOException {
        try (var s = Files.list(CORPUS.resolve(kind))) {
            return s.sorted().toList();
        }
    }

    private static void count(String kind, String outcome) {
        OUTCOMES.computeIfAbsent(kind, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    private record Run(int code, String text) { }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new EaselCommand(f -> 0));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute(args);
        return new Run(code, out.toString());
    }

    private static void noStackTrace(Path f, String text) {
        assertThat(text).as("what %s gives", f.getFileName()).doesNotContain("\tat ").doesNotContain("Exception:")
                .doesNotContain("Error:").isNotBlank();
    }

    @BeforeAll
    static void corpusIsThere() throws IOException {
        int n = 0;
        for (String kind : List.of("workflows", "answers", "pictures", "settings")) {
            n += files(kind).size();
        }
        assertThat(n).as("hostile inputs in the corpus").isGreaterThanOrEqualTo(300);
    }

    @AfterAll
    static void report() {
        // the numbers docs/reliability.md quotes
        System.out.println("BAD CORPUS OUTCOMES " + OUTCOMES);
    }

    @Test
    void everyWorkflowIsASentenceFromInspectAndImport() throws Exception {
        for (Path f : files("workflows")) {
            Run r = cli("inspect", f.toString());
            noStackTrace(f, r.text());
            assertThat(r.code()).as("exit code for %s", f.getFileName()).isIn(0, 2);
            count("workflows", r.code() == 0 ? "inspect: valid (exit 0)" : "inspect: refused with a sentence (exit 2)");
            try {
                WorkflowImporter.fromFile(f);
                count("workflows", "import: loaded");
            } catch (WorkflowException e) {
                assertThat(e.getMessage()).as(f.getFileName().toString()).isNotBlank();
                count("workflows", "import: refused with a sentence");
            } catch (RuntimeException | StackOverflowError e) {
                fail(f.getFileName() + ": import threw " + e);
            }
        }
        assertThat(OUTCOMES.get("workflows")).containsKey("inspect: refused with a sentence (exit 2)");
    }

    @Test
    void everyAnswerIsASentenceFromDecodeAndImportAndNothingPartialIsWritten() throws Exception {
        try (Database db = Databases.open(dir.resolve("easel.db"));
             OkHttpRunpodClient downloads = new OkHttpRunpodClient(RunpodConfig.of(URI.create("https://127.0.0.1:9/v2"),
                     "none", null))) {
            StatusImport importer = new StatusImport(new ResultStore(dir.resolve("library"), db, ZoneOffset.UTC),
                    downloads, Clock.systemUTC());
            for (Path f : files("answers")) {
                Path out = Files.createDirectories(dir.resolve("decoded").resolve(f.getFileName().toString()));
                Run r = cli("decode", f.toString(), "--out", out.toString());
                noStackTrace(f, r.text());
                assertThat(r.code()).as("exit code for %s", f.getFileName()).isIn(0, 2);
                try (var written = Files.list(out)) {
                    for (Path w : written.toList()) {
                        byte[] b = Files.readAllBytes(w);
                        assertThat(ImageType.detect(b)).as("%s wrote %s", f.getFileName(), w)
                                .isNotEqualTo(ImageType.UNKNOWN);
                        if (ImageType.detect(b) == ImageType.PNG) {
                            assertThat(PngChunks.isComplete(b)).as("%s wrote a whole %s", f.getFileName(), w).isTrue();
                        }
                    }
                }
                count("answers", r.code() == 0 ? "decode: images written (exit 0)"
                        : "decode: refused with a sentence (exit 2)");
                try {
                    var imported = importer.importAnswer(f);
                    count("answers", imported.added().isEmpty() ? "import: nothing added, said why"
                            : "import: images added");
                } catch (LibraryException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    count("answers", "import: refused with a sentence");
                } catch (RuntimeException e) {
                    fail(f.getFileName() + ": import threw " + e);
                }
            }
        }
    }

    @Test
    void everyPictureIsSkippedOrIndexedAndNeverStopsTheRescan() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("out"));
        for (Path f : files("pictures")) {
            Files.copy(f, folder.resolve(f.getFileName()));
            try {
                ImageSettings.read(f);
                count("pictures", "use these settings: read");
            } catch (WorkflowException e) {
                assertThat(e.getMessage()).isNotBlank();
                count("pictures", "use these settings: refused with a sentence");
            } catch (RuntimeException | OutOfMemoryError e) {
                fail(f.getFileName() + ": reading its settings threw " + e);
            }
        }
        try (Database db = Databases.open(dir.resolve("easel.db"))) {
            Library library = new Library(db, folder, new ThumbnailCache(dir.resolve("thumbs"), Runnable::run),
                    ZoneOffset.UTC);
            Library.Rescan r = library.rescan();
            int n = files("pictures").size();
            assertThat(r.added() + r.unreadable().size()).as("each picture indexed or said to be unreadable")
                    .isEqualTo(n);
            OUTCOMES.computeIfAbsent("pictures", k -> new TreeMap<>()).put("rescan: indexed", r.added());
            OUTCOMES.get("pictures").put("rescan: skipped, said why", r.unreadable().size());
            assertThat(library.rescan().added()).as("nothing indexed twice").isZero();
        }
    }

    @Test
    void everySettingsFileLoadsOrFallsBackToDefaultsAndSaysSo() throws Exception {
        for (Path f : files("settings")) {
            Path file = dir.resolve("settings-" + f.getFileName());
            Files.copy(f, file);
            SettingsStore.Loaded loaded;
            try {
                loaded = new SettingsStore(file, Clock.systemUTC()).load();
            } catch (RuntimeException e) {
                fail(f.getFileName() + ": loading threw " + e);
                return;
            }
            assertThat(loaded.settings().profiles()).as(f.getFileName().toString()).isNotEmpty();
            count("settings", loaded.note() == null ? "loaded" : "defaults, said why (the file kept aside)");
        }
    }
}
