package dev.easel.cli;

import dev.easel.testing.Databases;
import dev.easel.io.Database;
import dev.easel.demo.DemoConfig;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobPhase;
import dev.easel.settings.AppFolders;
import dev.easel.settings.InstanceLock;
import dev.easel.text.Messages;
import dev.easel.workflow.PngText;
import dev.easel.workflow.WorkflowJson;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code easel generate} on the embedded demo (and a fake Runpod), in a profile under a temporary folder. */
class GenerateCommandIT {

    @TempDir
    Path home;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        AppFolders folders = AppFolders.under(home);
        CommandLine cl = new CommandLine(new GenerateCommand(folders, DemoConfig.defaults().withTimeScale(0.02),
                new SplittableRandom(1)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private List<JobJournal.Entry> journal() throws Exception {
        try (Database db = Databases.open(AppFolders.under(home).data().resolve("easel.db"))) {
            return new JobJournal(db).visible(100);
        }
    }

    @Test
    void jobsAreSentWaitedForSavedToTheLibraryAndCopiedOutOneLineEach() throws Exception {
        Path copies = home.resolve("copies");
        int code = run("--prompt", "a lighthouse at dusk", "--steps", "4", "--width", "256", "--height", "256",
                "--count", "2", "--seed", "7", "--seed", "increment", "--out", copies.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2).allMatch(l -> l.matches("job \\d+ COMPLETED \\S+\\.png seed \\d+ ≈ \\$\\d\\.\\d{4}"));
        assertThat(lines).anyMatch(l -> l.contains(" seed 7 ")).anyMatch(l -> l.contains(" seed 8 "));
        assertThat(err.toString()).contains("Sent 2 jobs to Demo endpoint").contains("2 of 2 completed");

        // in the studio's history and library: the same journal, the same pictures folder
        var jobs = journal();
        assertThat(jobs).hasSize(2).allMatch(e -> e.job().phase() == JobPhase.COMPLETED);
        for (var e : jobs) {
            Path file = e.job().files().getFirst();
            assertThat(file).startsWith(AppFolders.under(home).pictures());
            assertThat(PngText.read(Files.readAllBytes(file)).get("prompt")).contains("a lighthouse at dusk");
            assertThat(copies.resolve(file.getFileName())).hasSameBinaryContentAs(file);
        }
    }

    @Test
    void aFailedJobIsSaidWithItsCauseAndTheExitCodeIsTwo() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"j-1\",\"status\":\"IN_QUEUE\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"j-1\",\"status\":\"FAILED\",\"delayTime\":5,"
                + "\"executionTime\":1200,\"error\":\"Workflow validation failed: CheckpointLoaderSimple ckpt_name "
                + "'nope.safetensors' not in []\"}").build());
        int code = run("--base-url", server.url("/v2").toString(), "--endpoint-id", "ep1", "--price", "0.001",
                "--prompt", "x");
        assertThat(code).isEqualTo(2);
        assertThat(out.toString().strip()).matches("job \\d+ FAILED seed \\d+ ≈ \\$0\\.0012 — .*nope\\.safetensors.*");
        assertThat(err.toString()).contains("0 of 1 completed");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/ep1/run");
    }

    @Test
    void whileTheWindowHoldsTheProfileNothingIsSent() throws Exception {
        try (InstanceLock window = ((InstanceLock.Acquired) InstanceLock.acquireOrHand(
                AppFolders.under(home).data(), List.of())).lock()) {
            int code = run("--prompt", "x");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("Easel is open on this profile").contains("Close its window first");
        }
        assertThat(journal()).isEmpty();
    }

    @Test
    void aWindowStartedMeanwhileIsToldTheProfileIsBusy() throws Exception {
        try (InstanceLock cli = ((InstanceLock.Acquired) InstanceLock.acquireForCommand(
                AppFolders.under(home).data(), "cli.generate.busy")).lock()) {
            var second = InstanceLock.acquireOrHand(AppFolders.under(home).data(), List.of(home.resolve("a.png")));
            assertThat(second).isInstanceOfSatisfying(InstanceLock.AlreadyRunning.class,
                    r -> assertThat(Messages.get(r.why())).isEqualTo("`easel generate` is sending jobs on this profile"));
        }
    }

    @Test
    void aSweepSendsOneJobACellWithWildcardsExpandedAndWritesTheGrid() throws Exception {
        Path lists = AppFolders.under(home).data().resolve("wildcards");
        Files.createDirectories(lists);
        Files.writeString(lists.resolve("animal.txt"), "fox\nowl\n# a comment\nheron\n");
        Path copies = home.resolve("copies");
        int code = run("--prompt", "a __animal__ {at dawn|at dusk}", "--width", "128", "--height", "128",
                "--sweep", "steps=4,8", "--sweep", "cfg=1,2.5", "--out", copies.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("job "))).hasSize(4)
                .allMatch(l -> l.contains(" COMPLETED "));
        String gridLine = lines.getLast();
        assertThat(gridLine).startsWith("grid ").endsWith(".png");
        Path grid = Path.of(gridLine.substring("grid ".length()));
        assertThat(copies.resolve(grid.getFileName())).hasSameBinaryContentAs(grid);

        var meta = WorkflowJson.parse(PngText.read(Files.readAllBytes(grid)).get("easel-grid"));
        assertThat(meta.at("/axes/0/values").toString()).isEqualTo("[\"4\",\"8\"]");
        assertThat(meta.at("/axes/1/values").toString()).isEqualTo("[\"1\",\"2.5\"]");
        assertThat(meta.get("cells")).hasSize(4);
        var jobs = journal();
        assertThat(jobs).hasSize(4).allMatch(e -> e.job().phase() == JobPhase.COMPLETED);
        for (var e : jobs) {
            String sent = WorkflowJson.parse(PngText.read(Files.readAllBytes(e.job().files().getFirst())).get("prompt"))
                    .at("/6/inputs/text").asText();
            // what was sent, and saved, is the expanded prompt: one animal of the list, one of the two times
            assertThat(sent).matches("a (fox|owl|heron) at (dawn|dusk)");
        }
        assertThat(jobs.stream().map(e -> e.job().seed()).distinct()).as("one seed for every cell").hasSize(1);
    }

    @Test
    void aBatchFileSendsOneJobPerRowWithItsValues() throws Exception {
        Path csv = Files.writeString(home.resolve("batch.csv"), "prompt,steps,seed\na red fox,3,11\n"
                + "\"an owl, at night\",5,12\na heron,4,13\n");
        int code = run("--batch", csv.toString(), "--width", "128", "--height", "128");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("job "))).hasSize(3);
        assertThat(out.toString().lines().toList().getLast()).startsWith("grid ");
        var sent = journal().stream().map(e -> {
            try {
                var g = WorkflowJson.parse(PngText.read(Files.readAllBytes(e.job().files().getFirst())).get("prompt"));
                return g.at("/6/inputs/text").asText() + "/" + g.at("/31/inputs/steps").asInt() + "/"
                        + g.at("/31/inputs/seed").asLong();
            } catch (Exception x) {
                throw new AssertionError(x);
            }
        }).toList();
        assertThat(sent).containsExactlyInAnyOrder("a red fox/3/11", "an owl, at night/5/12", "a heron/4/13");
        assertThat(run("--batch", home.resolve("none.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.csv could not be read");
    }

    @Test
    void aSweepWrittenWrongIsRefusedWithASentenceAndNothingSent() throws Exception {
        assertThat(run("--sweep", "steps=10,20", "--count", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--count can't be used with --sweep");
        assertThat(run("--sweep", "colour=red,blue")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no parameter \"colour\" to sweep");
        assertThat(run("--sweep", "steps")).isEqualTo(2);
        assertThat(err.toString()).contains("An axis is written name=values");
        assertThat(run("--prompt", "a __nothing__", "--sweep", "steps=1,2")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no word list named \"nothing\"");
        assertThat(journal()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithASentenceAndNothingSent() throws Exception {
        assertThat(run("--seed", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("--seed takes a number or random, fixed or increment, not 'abc'");
        assertThat(run("--endpoint", "Nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no endpoint profile named 'Nowhere'. Known: Demo endpoint.");
        assertThat(run("--base-url", "http://example.com/v2", "--endpoint-id", "ep")).isEqualTo(2);
        assertThat(err.toString()).contains("plain http only for this machine");
        assertThat(run("--template", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no template 'nope'");
        Path broken = home.resolve("broken.json");
        Files.writeString(broken, "{\"3\": {\"class_type\": ");
        assertThat(run(broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Not valid JSON at line 1");
        assertThat(journal()).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }
}
