package dev.easel.testing;

import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.io.Database;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.PollPlanner;
import dev.easel.library.Library;
import dev.easel.library.ResultStore;
import dev.easel.library.ThumbnailCache;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * The setup integration tests share, as a JUnit extension: per test a folder of its own under {@code target/},
 * the app's database in it, and on first use a thumbnail cache, a result store and a library over {@code out/},
 * a client for an endpoint that is never reached, a scheduler and a job queue sending there. All of it is closed,
 * and the folder removed, after the test.
 *
 * <pre>{@code @RegisterExtension final TestStore store = new TestStore();}</pre>
 */
public final class TestStore implements BeforeEachCallback, AfterEachCallback {

    private static final Path ROOT = Path.of("target", "it-stores");

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private Path dir;
    private Database db;
    private ThumbnailCache thumbnails;
    private ResultStore results;
    private OkHttpRunpodClient nowhere;
    private ScheduledExecutorService scheduler;
    private JobQueue queue;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, SQLException {
        dir = Files.createTempDirectory(Files.createDirectories(ROOT), context.getRequiredTestClass().getSimpleName());
        db = closeAfter(Databases.open(dir.resolve("easel.db")));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        thumbnails = null;
        results = null;
        nowhere = null;
        scheduler = null;
        queue = null;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Closes {@code c} after the test, before what was made earlier. */
    public <T extends AutoCloseable> T closeAfter(T c) {
        toClose.push(c);
        return c;
    }

    /** The test's own folder. */
    public Path dir() {
        return dir;
    }

    public Database db() {
        return db;
    }

    /** The folder pictures are saved in. */
    public Path out() {
        return dir.resolve("out");
    }

    /** Thumbnails under {@code thumbs/}, made on the caller's thread. */
    public ThumbnailCache thumbnails() {
        if (thumbnails == null) {
            thumbnails = new ThumbnailCache(dir.resolve("thumbs"), Runnable::run);
        }
        return thumbnails;
    }

    /** Saves into {@link #out()} with thumbnails, dates in UTC. */
    public ResultStore results() {
        if (results == null) {
            results = new ResultStore(out(), db, ZoneOffset.UTC, thumbnails());
        }
        return results;
    }

    public Library library() {
        return new Library(db, out(), thumbnails(), ZoneOffset.UTC);
    }

    /** A client for an endpoint on a closed port of this machine: nothing is ever sent anywhere. */
    public OkHttpRunpodClient nowhere() {
        if (nowhere == null) {
            nowhere = closeAfter(new OkHttpRunpodClient(RunpodConfig.of(URI.create("http://127.0.0.1:9/v2"), "none",
                    "k")));
        }
        return nowhere;
    }

    /** One scheduler thread, shut down after the test. */
    public ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
            AutoCloseable stop = s::shutdownNow;
            closeAfter(stop);
            scheduler = s;
        }
        return scheduler;
    }

    /** A queue sending to {@link #nowhere()}, one send at a time, its work on the caller's thread, not started. */
    public JobQueue queue() {
        if (queue == null) {
            queue = closeAfter(new JobQueue(new JobJournal(db), results(), new JobEndpoint("Nowhere", nowhere(), 0),
                    Runnable::run, scheduler(), Clock.systemUTC(), PollPlanner.standard(), 1));
        }
        return queue;
    }
}
