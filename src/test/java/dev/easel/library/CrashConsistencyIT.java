package dev.easel.library;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a process that is saving results (SIGKILL, at random moments) again and again, then reopens the library:
 * every indexed image has its whole file, every image file is indexed after the rescan, no half-written file stays.
 */
class CrashConsistencyIT {

    @TempDir
    Path home;

    @Test
    void killedWhileSavingTheLibraryReopensConsistent() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        SplittableRandom random = new SplittableRandom(20261124);
        long next = 0;
        int kills = 0;
        int interrupted = 0;
        for (int round = 0; round < 6; round++) {
            // sqlite-jdbc unpacks its native library into this folder; a killed child can't remove its copy
            Process child = new ProcessBuilder(java, "-Djava.awt.headless=true",
                    "-Dorg.sqlite.tmpdir=" + home, "-cp",
                    System.getProperty("java.class.path"), SaveLoop.class.getName(), home.toString(),
                    Long.toString(next)).redirectErrorStream(true).start();
            long saved = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                int wanted = 3 + random.nextInt(8);
                int seen = 0;
                for (String line; seen < wanted && (line = out.readLine()) != null; ) {
                    if (line.startsWith("saved ")) {
                        saved = Long.parseLong(line.substring(6));
                        seen++;
                    }
                }
                assertThat(seen).as("the child saved images before it was killed").isEqualTo(wanted);
                Thread.sleep(random.nextInt(25)); // somewhere inside the next save
                child.destroyForcibly();
                kills++;
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            next = saved + 10; // the next child's names never meet the killed one's

            try (Database db = Databases.open(home.resolve("easel.db"))) {
                Library library = new Library(db, home.resolve("out"), new ThumbnailCache(home.resolve("thumbs"),
                        Runnable::run), ZoneOffset.UTC);
                Library.Rescan r = library.rescan(Duration.ZERO);
                interrupted += r.added() + r.temporaryRemoved();
                System.out.printf("round %d: killed after %d; rescan found %d unindexed, removed %d temporary%n",
                        round, saved, r.added(), r.temporaryRemoved());
                assertThat(r.missing()).as("no index row without its file").isZero();
                assertThat(r.unreadable()).as("no half-written image").isEmpty();
                List<Tile> tiles = library.tiles(LibraryQuery.all());
                List<Path> files;
                try (Stream<Path> s = Files.list(home.resolve("out"))) {
                    files = s.toList();
                }
                assertThat(files).as("no temporary file left after the rescan")
                        .noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
                assertThat(files).hasSameSizeAs(tiles);
                for (Tile t : tiles) {
                    assertThat(PngChunks.isComplete(Files.readAllBytes(t.file()))).as(t.file().toString()).isTrue();
                }
                assertThat(library.count(LibraryQuery.all().withText("crash"))).isEqualTo(tiles.size());
            }
        }
        assertThat(kills).isEqualTo(6);
        // the kills did land inside saves (a temporary file or a file not yet indexed): the repair was exercised
        assertThat(interrupted).isPositive();
    }
}
