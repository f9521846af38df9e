package dev.easel;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RetryPolicy;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.jobs.PollPlanner;
import dev.easel.library.Exporter;
import dev.easel.library.ResultStore;
import dev.easel.settings.AppFolders;
import dev.easel.settings.SettingsStore;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.ExifText;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.PngText;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that echoes the API key back, in every way it can: the key, which has no Runpod shape here so only
 * knowing the actual key can remove it, must not be in anything Easel writes or shows.
 */
class KeyNeverWrittenIT {

    private static final String KEY = "sk-SENTINEL-7f3a9c2e4b1d";

    @TempDir
    Path dir;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void aKeyEchoedInErrorsNeverReachesTheJournalTheRowsTheLogOrAReport() throws Exception {
        server.setDispatcher(new Dispatcher() {
            private int runs;

            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getTarget();
                if (path.endsWith("/run")) {
                    runs++;
                    return switch (runs) {
                        case 1 -> json(200, "{\"id\":\"j1\",\"status\":\"IN_QUEUE\"}");
                        case 2 -> json(400, "{\"error\":\"bad request from Bearer " + KEY + " (key " + KEY + ")\"}");
                        default -> json(200, "{\"id\":\"j3\",\"status\":\"IN_QUEUE\"}");
                    };
                }
                if (path.endsWith("/status/j1")) {
                    return json(200, "{\"id\":\"j1\",\"status\":\"FAILED\",\"executionTime\":100,\"error\":"
                            + "\"{\\\"error_message\\\": \\\"headers were Authorization: " + KEY + "\\\"}\"}");
                }
                if (path.endsWith("/status/j3")) {
                    return json(200, "{\"id\":\"j3\",\"status\":\"WEIRD_" + KEY + "\"}");
                }
                return json(404, "{\"error\":\"no " + KEY + "\"}");
            }
        });
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var io = Executors.newVirtualThreadPerTaskExecutor();
        List<Job> seen;
        try (Database db = Databases.open(dir.resolve("easel.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(server.url("/v2").uri(), "ep", KEY)
                     .withRetry(RetryPolicy.NONE))) {
            JobQueue queue = new JobQueue(new JobJournal(db), new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                    new JobEndpoint("Echo", client, 0.001), io, scheduler, Clock.systemUTC(),
                    PollPlanner.fixed(Duration.ofMillis(50)), 1);
            queue.start();
            JobSpec spec = new JobSpec(Fixtures.tutorialInput(), null, Map.of(Parameter.SEED, 1L), null,
                    RunPolicy.DEFAULT);
            queue.submit(spec);
            queue.submit(spec);
            queue.submit(spec);
            await().atMost(Duration.ofSeconds(30)).until(() -> queue.jobs().stream()
                    .filter(j -> j.phase() != JobPhase.IN_QUEUE || j.note() != null).count() == 3
                    && queue.jobs().stream().filter(j -> j.phase().isTerminal()).count() >= 2);
            seen = queue.jobs();
            queue.close();
        } finally {
            scheduler.shutdownNow();
            io.shutdownNow();
        }
        for (Job j : seen) {
            assertThat(String.join(" ", String.valueOf(j.error()), String.valueOf(j.errorDetail()),
                    String.valueOf(j.note()))).as("what the row shows of job %d", j.id()).doesNotContain(KEY);
        }
        assertThat(seen).as("the server's words are there, minus the key").anyMatch(j ->
                String.valueOf(j.errorDetail()).contains("[redacted]") || String.valueOf(j.error()).contains("[redacted]"));

        // what a log line and an error report would say
        var event = new LoggingEvent("x", new LoggerContext().getLogger("x"), Level.WARN, "answer was {}",
                new IllegalStateException("echo " + KEY), new Object[] {"Bearer " + KEY});
        assertThat(new RedactingLogConverters.Message().convert(event)).doesNotContain(KEY).contains("[redacted]");
        var throwable = new RedactingLogConverters.Throwable();
        throwable.start();
        assertThat(throwable.convert(event)).contains("IllegalStateException").doesNotContain(KEY);
        assertThat(CrashReports.text(Thread.currentThread(), new RuntimeException("server said " + KEY),
                AppFolders.under(dir))).doesNotContain(KEY);

        // and every file written: the journal, its write-ahead log, the output folder
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("%s", f)
                        .doesNotContain(KEY);
            }
        }
    }

    @Test
    void aKeyEchoedInAFinishedJobsAnswerIsInNoPictureExportSidecarSettingsOrReport() throws Exception {
        String png = Base64.getEncoder().encodeToString(Fixtures.bytes("tiny-64x64.png"));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getTarget().endsWith("/run")) {
                    return json(200, "{\"id\":\"j1-" + KEY + "\",\"status\":\"IN_QUEUE\"}");
                }
                // the image's name, a stray field and the worker's message all carry the key
                return json(200, "{\"id\":\"j1\",\"status\":\"COMPLETED\",\"delayTime\":10,\"executionTime\":20,"
                        + "\"output\":{\"images\":[{\"filename\":\"ComfyUI_" + KEY + "_00001_.png\",\"type\":\"base64\","
                        + "\"data\":\"" + png + "\"}],\"message\":\"auth " + KEY + "\",\"note_" + KEY + "\":\"" + KEY + "\"}}");
            }
        });
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var io = Executors.newVirtualThreadPerTaskExecutor();
        Job done;
        AppFolders folders = AppFolders.under(dir.resolve("home"));
        try (Database db = Databases.open(folders.data().resolve("easel.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(server.url("/v2").uri(), "ep", KEY)
                     .withRetry(RetryPolicy.NONE))) {
            ResultStore store = new ResultStore(folders.pictures(), db, ZoneOffset.UTC);
            JobQueue queue = new JobQueue(new JobJournal(db), store, new JobEndpoint("Echo", client, 0.001), io,
                    scheduler, Clock.systemUTC(), PollPlanner.fixed(Duration.ofMillis(50)), 1);
            queue.start();
            long id = queue.submit(new JobSpec(Fixtures.tutorialInput(), null, Map.of(Parameter.SEED, 1L,
                    Parameter.PROMPT, "a lighthouse"), "flux1-dev-fp8", RunPolicy.DEFAULT)).id();
            await().atMost(Duration.ofSeconds(30)).until(() -> queue.jobs().stream()
                    .anyMatch(j -> j.id() == id && j.phase().isTerminal()));
            done = queue.jobs().stream().filter(j -> j.id() == id).findFirst().orElseThrow();
            queue.close();
            assertThat(done.phase()).as(String.valueOf(done.error())).isEqualTo(JobPhase.COMPLETED);

            // every export format, with sidecars
            var artworks = store.newest(10);
            assertThat(artworks).hasSize(1);
            for (var format : Exporter.Format.values()) {
                var report = new Exporter(ZoneOffset.UTC).export(artworks, new dev.easel.library
                        .Exporter.Options(dir.resolve("export-" + format), format, "{original}-{id}", true, 0.9f));
                assertThat(report.problems()).isEmpty();
            }
        } finally {
            scheduler.shutdownNow();
            io.shutdownNow();
        }
        // settings with a profile of that endpoint, and an error report written where the app writes them
        var settings = new SettingsStore(folders.config().resolve("settings.json"), Clock.systemUTC());
        settings.update(st -> st.withProfileModels(st.activeProfileId(), List.of("flux1-dev-fp8.safetensors")));
        Path report = CrashReports.write(CrashReports.text(Thread.currentThread(),
                new IllegalStateException("answer was " + done.errorDetail() + " from " + KEY), folders), folders);
        assertThat(report).exists();

        List<Path> written;
        try (var files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as("pictures, exports, sidecars, settings, the report, the journal")
                .anyMatch(f -> f.toString().endsWith(".png")).anyMatch(f -> f.toString().endsWith(".jpg"))
                .anyMatch(f -> f.toString().endsWith(".webp")).anyMatch(f -> f.toString().endsWith(".json"))
                .anyMatch(f -> f.getFileName().toString().equals("settings.json")).contains(report);
        for (Path f : written) {
            assertThat(f.toString()).as("a file's name").doesNotContain(KEY);
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("%s", f).doesNotContain(KEY);
            // PNG text may be compressed and WebP/JPEG EXIF is UTF-16: look in what a reader gets out of them too
            byte[] bytes = Files.readAllBytes(f);
            if (f.toString().endsWith(".png")) {
                assertThat(PngText.read(bytes).values()).as("%s", f).noneMatch(v -> v.contains(KEY));
            } else if (f.toString().endsWith(".jpg") || f.toString().endsWith(".webp")) {
                assertThat(ExifText.read(bytes).values()).as("%s", f).noneMatch(v -> v.contains(KEY));
            }
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
