package dev.easel.bench;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.api.JobOutput;
import dev.easel.api.OutputImage;
import dev.easel.api.StatusResponse;
import dev.easel.demo.DemoRenderer;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.library.ThumbnailCache;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.WorkflowJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The result pipeline: from a COMPLETED answer in memory (a 1024×1024 PNG in base64) to the image on disk with its
 * metadata (written atomically, fsynced), its index row and its 256 px thumbnail. SampleTime gives the median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class ResultPipelineBenchmark {

    private String answer;
    private Path dir;
    private Database db;
    private ResultStore store;
    private Map<Parameter, Object> params;
    private JsonNode sent;
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] png = new DemoRenderer().renderPng("a whimsical treehouse", 42, 20, 1024, 1024, 0);
        ObjectNode body = (ObjectNode) WorkflowJson.parse(Fixtures.runpod("status-completed-base64"));
        ObjectNode image = (ObjectNode) body.at("/output/images/0");
        image.put("data", Base64.getEncoder().encodeToString(png));
        body.withObject("/output").withArray("images").removeAll().add(image);
        answer = WorkflowJson.compact(body);
        dir = Files.createTempDirectory("easel-pipeline");
        db = Databases.open(dir.resolve("easel.db"));
        store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC,
                new ThumbnailCache(dir.resolve("thumbs"), Runnable::run));
        params = new EnumMap<>(Parameter.class);
        params.put(Parameter.PROMPT, "a whimsical treehouse");
        params.put(Parameter.SEED, 42L);
        params.put(Parameter.WIDTH, 1024);
        params.put(Parameter.HEIGHT, 1024);
        sent = Fixtures.tutorialInput().get("workflow");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object completedAnswerToFileIndexAndThumbnail() throws Exception {
        StatusResponse s = StatusResponse.parse(WorkflowJson.parse(answer));
        OutputImage img = ((JobOutput.Images) s.output()).images().getFirst();
        return store.save(new ResultToSave(0, s.id(), "Demo", img.decode(), 0, sent, null, params, "flux1-dev-fp8",
                Duration.ofMillis(100), Duration.ofMillis(900), 0.001, Instant.ofEpochSecond(1_700_000_000L + n++)));
    }
}
