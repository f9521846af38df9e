package dev.easel.ui.studio;

import dev.easel.testing.TestStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.easel.io.Database;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobQueue;
import dev.easel.testing.Fixtures;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.WordLists;
import dev.easel.workflow.TemplateLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Generate journals jobs (the queue is not started here, so nothing is sent). */
class StudioViewModelIT {

    @RegisterExtension
    final TestStore store = new TestStore();
    private Path dir;
    private Database db;
    private JobQueue queue;
    private final TemplateLibrary templates = new TemplateLibrary(Path.of("target/none"));
    private WorkflowSession session;
    private ParamsViewModel params;
    private StudioViewModel vm;
    private final List<List<String>> saved = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        dir = store.dir();
        db = store.db();
        queue = store.queue();
        session = new WorkflowSession(templates.defaultTemplate());
        params = new ParamsViewModel(session, new SplittableRandom(3));
        vm = new StudioViewModel(session, params, queue, templates.all(), List.of(), Runnable::run, Runnable::run);
        vm.setRecentSaver(saved::add);
    }

    @Test
    void generateQueuesOneJobPerCountWithTheSeedsTheModeGives() {
        vm.promptProperty().set("a heron in the reeds");
        params.seedProperty().set(100L);
        params.seedModeProperty().set(ParamsViewModel.SeedMode.INCREMENT);
        params.batchCountProperty().set(3);
        vm.generate().join();
        List<Job> jobs = queue.jobs();
        assertThat(jobs).hasSize(3);
        assertThat(jobs).extracting(Job::seed).containsExactly(101L, 102L, 103L);
        assertThat(jobs).allMatch(j -> j.prompt().equals("a heron in the reeds"));
        assertThat(params.seedProperty().get()).as("the panel shows the last seed sent").isEqualTo(103L);
        assertThat(vm.recentPrompts()).containsExactly("a heron in the reeds");
        assertThat(saved).isNotEmpty();
    }

    @Test
    void aDynamicPromptIsExpandedForEachJobsSeedAndTheTemplateStaysAsTyped() throws Exception {
        Path lists = dir.resolve("wildcards");
        Files.createDirectories(lists);
        Files.writeString(lists.resolve("bird.txt"), "heron\nkingfisher\nowl\n");
        vm.setWordLists(new WordLists(lists));
        vm.promptProperty().set("a {red|blue|golden} __bird__ in the reeds");
        params.seedProperty().set(100L);
        params.seedModeProperty().set(ParamsViewModel.SeedMode.INCREMENT);
        params.batchCountProperty().set(6);
        vm.generate().join();
        List<Job> jobs = queue.jobs();
        assertThat(jobs).hasSize(6).allSatisfy(j -> assertThat(j.prompt())
                .matches("a (red|blue|golden) (heron|kingfisher|owl) in the reeds"));
        for (Job j : jobs) {
            var spec = new JobJournal(db).get(j.id()).spec();
            assertThat(spec.input().toString()).as("what is sent is the expansion").doesNotContain("__bird__");
            assertThat(j.prompt()).as("seed-stable").isEqualTo(DynamicPrompt.parse(
                    "a {red|blue|golden} __bird__ in the reeds").random(j.seed(), new WordLists(lists)));
        }
        assertThat(vm.promptProperty().get()).isEqualTo("a {red|blue|golden} __bird__ in the reeds");
        assertThat(vm.recentPrompts()).containsExactly("a {red|blue|golden} __bird__ in the reeds");

        vm.promptProperty().set("a {red|blue car");
        vm.generate().exceptionally(shownInTheMessage -> null).join();
        assertThat(queue.jobs()).as("nothing sent").hasSize(6);
        assertThat(vm.messageProperty().get()).contains("never closed");
    }

    @Test
    void anInputImageTravelsWithTheJobUnderANameOfItsOwn() throws Exception {
        vm.templateProperty().set(templates.get("flux1-dev-fp8-img2img").orElseThrow());
        assertThat(params.loadImageNodes()).containsExactly("10");
        Path picture = dir.resolve("holiday.png");
        Files.write(picture, Fixtures.bytes("tiny-64x64.png"));
        params.chooseInputImage("10", picture);
        assertThat(params.inputImageLabel("10")).isEqualTo("holiday.png");
        vm.generate().join();
        var spec = new JobJournal(db).get(queue.jobs().getFirst().id()).spec();
        String name = spec.input().at("/images/0/name").asText();
        assertThat(name).matches("easel_[0-9a-f]{8}_10\\.png");
        assertThat(spec.input().at("/workflow/10/inputs/image").asText()).isEqualTo(name);
        assertThat(Base64.getDecoder().decode(spec.input().at("/images/0/image").asText()))
                .isEqualTo(Fixtures.bytes("tiny-64x64.png"));
        assertThat(session.getWorkflow().value("10", "image").orElseThrow().asText())
                .as("the editor keeps the template's name").isEqualTo("example.png");
    }

    @Test
    void moreJobsThanTheSettingAsksFirstWithTheCountAndNothingIsSentOnNo() {
        List<String> asked = new CopyOnWriteArrayList<>();
        boolean[] answer = {false};
        vm.setConfirmation(10, q -> {
            asked.add(q);
            return CompletableFuture.completedFuture(answer[0]);
        });
        params.batchCountProperty().set(10);
        vm.generate().join();
        assertThat(asked).as("10 is not more than 10").isEmpty();
        assertThat(queue.jobs()).hasSize(10);

        params.batchCountProperty().set(12);
        long seedBefore = params.seedProperty().get();
        vm.generate().join();
        assertThat(asked).singleElement().asString().startsWith("Send 12 jobs to Nowhere?")
                .contains("can't be estimated yet");
        assertThat(queue.jobs()).as("no: nothing sent").hasSize(10);
        assertThat(params.seedProperty().get()).as("and no seed drawn").isEqualTo(seedBefore);
        answer[0] = true;
        vm.generate().join();
        assertThat(queue.jobs()).hasSize(22);
    }

    @Test
    void anInvalidWorkflowCannotBeGeneratedAndSaysWhy() {
        session.replace(session.getWorkflow().edit(e -> e.set("31", "steps", 0)));
        assertThat(vm.canGenerateProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Node 31 steps: is 0; the smallest allowed is 1.");
        vm.generate().join();
        assertThat(queue.jobs()).isEmpty();
    }

    @Test
    void choosingATemplateLoadsIt() {
        vm.templateProperty().set(templates.get("sdxl").orElseThrow());
        assertThat(session.getWorkflow()).isEqualTo(templates.get("sdxl").orElseThrow().workflow());
        assertThat(vm.hasNegativeProperty().get()).isTrue();
        assertThat(vm.negativePromptProperty().get()).isEqualTo("blurry, low quality, watermark, text");
        vm.negativePromptProperty().set("no text");
        assertThat(session.value(Parameter.NEGATIVE_PROMPT).orElseThrow().asText()).isEqualTo("no text");
    }

    @Test
    void theTemplateChooserSaysWhichTemplatesTheEndpointHasTheCheckpointsFor() {
        assertThat(vm.modelNote(templates.get("sdxl").orElseThrow())).as("nothing known yet").isEmpty();

        vm.endpointModelsProperty().set(List.of("sd_xl_base_1.0.safetensors"));

        assertThat(vm.modelNote(templates.get("sdxl").orElseThrow())).isEqualTo("on this endpoint");
        assertThat(vm.modelNote(templates.get("flux1-dev-fp8").orElseThrow())).isEqualTo("needs flux1-dev-fp8.safetensors");
        assertThat(vm.modelNote(templates.get("flux2-klein-9b").orElseThrow())).as("no checkpoint: can't tell").isEmpty();
    }
}
