package dev.easel.library;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import dev.easel.demo.DemoRenderer;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Parameter;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/** A child process for CrashConsistencyIT: saves results as fast as it can until it is killed. */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        try (Database db = Databases.open(home.resolve("easel.db"))) {
            ResultStore store = new ResultStore(home.resolve("out"), db, ZoneOffset.UTC,
                    new ThumbnailCache(home.resolve("thumbs"), Runnable::run));
            var sent = Fixtures.tutorialInput().get("workflow");
            byte[][] pngs = new byte[4][];
            for (int i = 0; i < pngs.length; i++) {
                pngs[i] = new DemoRenderer().renderPng("crash test", i, 5, 256, 256, 0);
            }
            for (long n = first; ; n++) {
                Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
                p.put(Parameter.PROMPT, "crash test " + n);
                p.put(Parameter.SEED, n);
                store.save(new ResultToSave(0, "crash-" + n, "Demo", pngs[(int) (n % pngs.length)], 0, sent, null, p,
                        null, null, null, 0, Instant.ofEpochSecond(1_700_000_000L + n)));
                System.out.println("saved " + n);
                System.out.flush();
            }
        }
    }
}
