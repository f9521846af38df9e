package dev.easel.ui.studio;

import dev.easel.testing.TestStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.easel.io.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.demo.DemoRenderer;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.JobSpec;
import dev.easel.library.Artwork;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.library.StatusImport;
import dev.easel.library.Trash;
import dev.easel.testing.Fixtures;
import dev.easel.ui.gallery.GalleryViewModel;
import dev.easel.ui.json.JsonPanelViewModel;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.PngText;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Making a picture again: "Use these settings" then Generate sends the graph the picture was made from, seed and
 * all; the seed mode follows what the user does; an edit that isn't valid is never sent nor thrown away. The
 * studio's view models over a real library and journal (the queue is not started: jobs are only journaled).
 */
class ReproduceIT {

    @RegisterExtension
    final TestStore it = new TestStore();
    private Database db;
    private ResultStore store;
    private JobQueue queue;
    private WorkflowSession session;
    private ParamsViewModel params;
    private StudioViewModel studio;
    private GalleryViewModel gallery;
    private JsonPanelViewModel json;
    private final TemplateLibrary templates = new TemplateLibrary(Path.of("target/none"));

    @BeforeEach
    void open() {
        db = it.db();
        store = it.results();
        queue = it.queue();
        session = new WorkflowSession(templates.defaultTemplate());
        params = new ParamsViewModel(session, new SplittableRandom(5));
        studio = new StudioViewModel(session, params, queue, templates.all(), List.of(), Runnable::run, Runnable::run);
        gallery = new GalleryViewModel(it.library(), new StatusImport(store, it.nowhere(), Clock.systemUTC()),
                new Trash(it.dir().resolve("Trash")), session, Runnable::run, Runnable::run);
        json = new JsonPanelViewModel(session, () -> new JsonPanelViewModel.Target("http://x", "none"));
        // as the app wires them
        gallery.reuse().setOnSettingsUsed(seeded -> {
            if (seeded) {
                params.fixSeed();
            }
        });
        gallery.reuse().setRetryAction(() -> {
            params.randomizeSeed();
            studio.generate();
        });
    }

    private Artwork saved(JsonNode graph, JsonNode editorGraph) throws Exception {
        return store.save(new ResultToSave(0, "r-" + graph.hashCode(), "Demo",
                new DemoRenderer().renderPng("x", 1, 5, 32, 32, 0), 0, graph, editorGraph,
                Map.of(Parameter.SEED, 777L), null, null, null, 0, Instant.parse("2026-11-24T10:00:00Z")));
    }

    private JobSpec lastSent() throws Exception {
        List<Job> jobs = queue.jobs();
        return new JobJournal(db).get(jobs.getLast().id()).spec();
    }

    @Test
    void useTheseSettingsThenGenerateSendsThePicturesOwnGraphWithItsSeedFixed() throws Exception {
        // a picture made from an editor graph: its PNG carries both graphs
        var imported = WorkflowImporter.fromJson(Fixtures.json("workflows/ui-basic.json"));
        JsonNode editor = imported.uiGraph();
        assertThat(editor).isNotNull();
        ObjectNode original = (ObjectNode) imported.workflow().toJson().deepCopy();
        String sampler = imported.workflow().nodeIds().stream()
                .filter(id -> imported.workflow().value(id, "seed").isPresent()).findFirst().orElseThrow();
        ((ObjectNode) original.get(sampler).get("inputs")).put("seed", 424242);
        Artwork a = saved(original, editor);
        assertThat(params.seedModeProperty().get()).isEqualTo(ParamsViewModel.SeedMode.RANDOM);

        gallery.reuse().useSettings(a).join();
        assertThat(params.seedModeProperty().get()).as("the seed is fixed").isEqualTo(ParamsViewModel.SeedMode.FIXED);
        assertThat(gallery.messageProperty().get()).contains("with its seed, fixed");
        studio.generate().join();

        Map<String, String> chunks = PngText.read(Files.readAllBytes(a.file()));
        JobSpec sent = lastSent();
        assertThat(sent.input().get("workflow")).as("the prompt chunk of the original")
                .isEqualTo(WorkflowJson.parse(chunks.get("prompt")));
        assertThat(sent.uiGraph()).as("and its editor graph, not the template's")
                .isEqualTo(WorkflowJson.parse(chunks.get("workflow")));
        assertThat(sent.templateId()).as("nor the template chosen before as its source").isNull();
        assertThat(sent.source()).as("but the picture it came from")
                .isEqualTo("imported: " + a.file().getFileName());
        studio.generate().join();
        assertThat(lastSent().input().get("workflow")).as("again: the same picture")
                .isEqualTo(WorkflowJson.parse(chunks.get("prompt")));
    }

    @Test
    void theSeedModeFollowsWhatTheUserDoes() {
        long templateSeed = templates.defaultTemplate().workflow().value("31", "seed").orElseThrow().asLong();
        assertThat(params.seedProperty().get()).as("Random draws a fresh seed at the start").isNotEqualTo(templateSeed);
        assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(params.seedProperty().get());

        params.randomizeSeed();
        assertThat(params.seedModeProperty().get()).as("the dice keep the mode").isEqualTo(ParamsViewModel.SeedMode.RANDOM);
        params.seedProperty().set(12345L); // typed
        assertThat(params.seedModeProperty().get()).isEqualTo(ParamsViewModel.SeedMode.FIXED);
        studio.generate().join();
        assertThat(queue.jobs().getLast().seed()).isEqualTo(12345L);

        params.seedModeProperty().set(ParamsViewModel.SeedMode.INCREMENT);
        studio.generate().join();
        assertThat(queue.jobs().getLast().seed()).as("Increment stays Increment").isEqualTo(12346L);
        assertThat(params.seedModeProperty().get()).isEqualTo(ParamsViewModel.SeedMode.INCREMENT);
    }

    @Test
    void generateWithAnEditThatIsNotValidSendsNothingSaysWhyAndKeepsTheEdit() throws Exception {
        json.edited("{\"input\": {\"workflow\": {");
        studio.generate().join();
        assertThat(queue.jobs()).isEmpty();
        assertThat(studio.messageProperty().get()).startsWith("Nothing was sent: The JSON panel holds an edit that "
                + "is not valid JSON").contains("line 1");
        params.stepsProperty().set(9); // a change elsewhere doesn't throw the edit away
        assertThat(json.textProperty().get()).isEqualTo("{\"input\": {\"workflow\": {");

        // typed a moment ago, before the typing pause: Generate applies it first and sends exactly that
        ObjectNode fixed = (ObjectNode) session.getWorkflow().toJson().deepCopy();
        ((ObjectNode) fixed.get("31").get("inputs")).put("steps", 31);
        String onScreen = WorkflowJson.pretty(WorkflowJson.MAPPER.createObjectNode().set("input",
                WorkflowJson.MAPPER.createObjectNode().set("workflow", fixed)));
        json.setOnScreenText(() -> onScreen);
        studio.generate().join();
        assertThat(queue.jobs()).hasSize(1);
        assertThat(lastSent().input().at("/workflow/31/inputs/steps").asInt()).isEqualTo(31);
        assertThat(session.editProblemProperty().get()).isNull();
    }

    @Test
    void retryWithANewSeedOnAGraphWithoutASeedSaysSoAndSendsNothing() throws Exception {
        ObjectNode seedless = (ObjectNode) WorkflowJson.parse("{\"1\": {\"class_type\": \"LoadImage\", \"inputs\": "
                + "{\"image\": \"example.png\"}}, \"2\": {\"class_type\": \"SaveImage\", \"inputs\": "
                + "{\"images\": [\"1\", 0], \"filename_prefix\": \"copy\"}}}");
        Artwork a = saved(seedless, null);
        gallery.reuse().retryWithNewSeed(a).join();
        assertThat(queue.jobs()).isEmpty();
        assertThat(gallery.messageProperty().get()).contains("no seed").contains("Nothing was sent");
        assertThat(studio.promptProperty().get()).as("the graph has no prompt: the last one's text is cleared")
                .isEmpty();
    }

    @Test
    void switchingEndpointKeepsEverythingTheUserSet() throws Exception {
        studio.templateProperty().set(templates.get("flux1-dev-fp8-img2img").orElseThrow());
        studio.promptProperty().set("a fox in the snow");
        params.stepsProperty().set(17);
        params.seedProperty().set(99L); // typed: Fixed
        params.batchCountProperty().set(3);
        Path picture = it.dir().resolve("holiday.png");
        Files.write(picture, Fixtures.bytes("tiny-64x64.png"));
        params.chooseInputImage("10", picture);

        StudioState state = StudioState.capture(session, params);
        WorkflowSession again = state.session();
        ParamsViewModel againParams = state.params(again, new SplittableRandom(9));
        assertThat(again.getWorkflow()).isEqualTo(session.getWorkflow());
        assertThat(again.templateProperty().get().id()).isEqualTo("flux1-dev-fp8-img2img");
        assertThat(again.value(Parameter.PROMPT).orElseThrow().asText()).isEqualTo("a fox in the snow");
        assertThat(againParams.stepsProperty().get()).isEqualTo(17);
        assertThat(againParams.seedProperty().get()).isEqualTo(99L);
        assertThat(againParams.seedModeProperty().get()).isEqualTo(ParamsViewModel.SeedMode.FIXED);
        assertThat(againParams.batchCountProperty().get()).isEqualTo(3);
        assertThat(again.inputImages()).containsEntry("10", picture);
        assertThat(again.fromTemplate()).isTrue();
    }
}
