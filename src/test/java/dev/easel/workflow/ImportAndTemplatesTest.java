package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.easel.workflow.PngChunksForTests.itxt;
import static dev.easel.workflow.PngChunksForTests.text;
import static dev.easel.workflow.PngChunksForTests.withChunks;
import static dev.easel.workflow.PngChunksForTests.ztxt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportAndTemplatesTest {

    private static final byte[] PNG = Fixtures.bytes("tiny-64x64.png");
    private static final String API = WorkflowJson.compact(Fixtures.tutorialInput().get("workflow"));
    private static final String UI = Fixtures.text("workflows/ui-basic.json");

    @Test
    void pngTextChunksOfEveryKind() throws Exception {
        byte[] png = withChunks(PNG, text("prompt", "{\"a\":1}"), ztxt("zkey", "zipped text"),
                itxt("parameters", "ein Bild · 画像", false), itxt("comp", "compressed ünïcode", true));
        Map<String, String> chunks = PngText.read(png);
        assertThat(chunks).containsEntry("prompt", "{\"a\":1}").containsEntry("zkey", "zipped text")
                .containsEntry("parameters", "ein Bild · 画像").containsEntry("comp", "compressed ünïcode");
    }

    @Test
    void malformedJsonIsSaidInPlainWordsWithoutTheParsersInternals() {
        for (String bad : new String[] {"{\"a\": ", "{\"a\" 1}", "[1,]", "{'a':1}", "{\"a\":tru}", "\"open"}) {
            assertThatThrownBy(() -> WorkflowImporter.fromBytes("bad.json", bad.getBytes()))
                    .isInstanceOf(WorkflowException.class)
                    .satisfies(e -> assertThat(Messages.of(e)).as(bad).startsWith("Not valid JSON").doesNotContain(
                            "Source", "StreamReadFeature", "REDACTED", "marker", "\n"));
        }
        assertThatThrownBy(() -> WorkflowJson.parse("{\"nodes\": [1, 2"))
                .satisfies(e -> assertThat(Messages.of(e)).contains("ends before it is complete"));
    }

    @Test
    void aTruncatedOrFakePngIsAClearError() {
        byte[] png = withChunks(PNG, text("prompt", API));
        assertThatThrownBy(() -> PngText.read(Arrays.copyOf(png, 120)))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> PngText.read("GIF89a".getBytes())).hasMessageContaining("not a PNG");
    }

    @Test
    void aComfyUiPngGivesItsApiPromptAndKeepsItsEditorGraph() throws Exception {
        byte[] png = withChunks(PNG, text("prompt", API), text("workflow", UI));
        WorkflowImporter.Imported i = WorkflowImporter.fromBytes("ComfyUI_00001_.png", png);
        assertThat(i.workflow()).isEqualTo(Workflow.of((ObjectNode) Fixtures.tutorialInput().get("workflow")));
        assertThat(i.uiGraph()).isEqualTo(WorkflowJson.parse(UI));
        assertThat(i.source()).isEqualTo(WorkflowFormat.API);
        assertThat(i.valid()).isTrue();
    }

    @Test
    void aPngWithOnlyTheEditorGraphIsConverted() throws Exception {
        byte[] png = withChunks(PNG, itxt("workflow", UI, true));
        WorkflowImporter.Imported i = WorkflowImporter.fromBytes("x.png", png);
        assertThat(i.source()).isEqualTo(WorkflowFormat.UI);
        assertThat(i.workflow().node("3").orElseThrow().classType()).isEqualTo("KSampler");
        assertThat(i.notes()).anyMatch(n -> Messages.get(n).contains("editor format"));
    }

    @Test
    void pngsWithoutAWorkflowSayWhatTheyHave() {
        assertThatThrownBy(() -> WorkflowImporter.fromBytes("a1111.png",
                withChunks(PNG, text("parameters", "a cat\nSteps: 20, Sampler: Euler a"))))
                .hasMessageContaining("AUTOMATIC1111-style parameters but no ComfyUI workflow");
        assertThatThrownBy(() -> WorkflowImporter.fromBytes("plain.png", PNG))
                .hasMessageContaining("carries no ComfyUI workflow");
    }

    @Test
    void requestBodiesAndUnknownJson() throws Exception {
        WorkflowImporter.Imported i = WorkflowImporter.fromBytes("comfyui_workflow.json",
                Fixtures.bytes("comfyui_workflow.json"));
        assertThat(i.source()).isEqualTo(WorkflowFormat.REQUEST);
        assertThat(i.workflow().size()).isEqualTo(10);
        assertThatThrownBy(() -> WorkflowImporter.fromBytes("x.json", "{\"hello\": \"world\"}".getBytes()))
                .hasMessageContaining("not a ComfyUI workflow");
        assertThatThrownBy(() -> WorkflowImporter.fromBytes("x.json", "{\"3\": {".getBytes()))
                .hasMessageContaining("Not valid JSON at line 1");
        assertThatThrownBy(() -> WorkflowImporter.fromFile(Path.of("target/does-not-exist.json")))
                .hasMessageContaining("There is no file");
    }

    @Test
    void bundledTemplatesAndTheDefault(@TempDir Path dir) {
        TemplateLibrary lib = new TemplateLibrary(dir.resolve("templates"));
        assertThat(lib.bundled()).extracting(Template::id).containsExactly("flux1-dev-fp8", "flux1-dev",
                "flux1-schnell", "sdxl", "sd3", "z-image-turbo", "flux2-klein-9b", "flux1-dev-fp8-img2img");
        assertThat(lib.defaultTemplate().workflow()).as("the tutorial's graph, unchanged")
                .isEqualTo(Workflow.of((ObjectNode) Fixtures.tutorialInput().get("workflow")));
        assertThat(lib.bundled()).allMatch(Template::bundled);
    }

    @Test
    void userTemplatesAreSavedAtomicallyListedAndDeleted(@TempDir Path dir) throws Exception {
        TemplateLibrary lib = new TemplateLibrary(dir.resolve("templates"));
        Workflow wf = lib.defaultTemplate().workflow().edit(e -> e.set("31", "steps", 30));
        Template saved = lib.save("My Fox / Forest v2", "thirty steps", wf, WorkflowJson.parse(UI), Set.of());
        assertThat(saved.id()).isEqualTo("user:my-fox-forest-v2");
        assertThat(names(dir.resolve("templates")))
                .containsExactly("my-fox-forest-v2.json");
        Files.writeString(dir.resolve("templates/broken.json"), "{not json");

        TemplateLibrary reopened = new TemplateLibrary(dir.resolve("templates"));
        Template back = reopened.get("user:my-fox-forest-v2").orElseThrow();
        assertThat(back.name()).isEqualTo("My Fox / Forest v2");
        assertThat(back.workflow()).isEqualTo(wf);
        assertThat(back.uiGraph()).isNotNull();
        assertThat(reopened.all()).hasSize(9);

        assertThat(reopened.delete("user:my-fox-forest-v2")).isTrue();
        assertThat(reopened.delete("flux1-dev")).as("bundled stay").isFalse();
        assertThat(reopened.all()).hasSize(8);
        assertThatThrownBy(() -> lib.save(" ", "", wf, null, Set.of())).hasMessageContaining("name");
    }

    @Test
    void aUserTemplateKeepsWhichParametersItShowsAndCanBeRenamedButNotToABundledName(@TempDir Path dir)
            throws Exception {
        TemplateLibrary lib = new TemplateLibrary(dir.resolve("templates"));
        Workflow wf = lib.defaultTemplate().workflow().edit(e -> e.set("31", "steps", 12));
        Template quick = lib.save("Quick square", "", wf, null, EnumSet.of(Parameter.WIDTH, Parameter.SEED));
        assertThat(quick.shows(Parameter.WIDTH)).isTrue();
        assertThat(quick.shows(Parameter.STEPS)).isFalse();
        assertThat(lib.defaultTemplate().shows(Parameter.STEPS)).as("a bundled one shows all").isTrue();

        Template back = new TemplateLibrary(dir.resolve("templates")).get("user:quick-square").orElseThrow();
        assertThat(back.shown()).containsExactlyInAnyOrder(Parameter.WIDTH, Parameter.SEED);
        assertThat(back.user()).isTrue();

        Template renamed = lib.rename(back, "Square, quick");
        assertThat(renamed.id()).isEqualTo("user:square-quick");
        assertThat(renamed.shown()).isEqualTo(back.shown());
        assertThat(renamed.workflow()).isEqualTo(wf);
        assertThat(lib.get("user:quick-square")).as("the old name is gone").isEmpty();
        assertThat(names(dir.resolve("templates")))
                .containsExactly("square-quick.json");

        assertThat(Messages.get(lib.nameProblem("flux.1-DEV fp8"))).as("a bundled template's name, any case")
                .contains("comes with Easel");
        assertThat(Messages.get(lib.nameProblem("  "))).isEqualTo("Give the template a name.");
        assertThat(lib.nameProblem("Mine")).isNull();
        assertThatThrownBy(() -> lib.save("FLUX.1-dev fp8", "", wf, null, Set.of())).hasMessageContaining("Easel");
        assertThatThrownBy(() -> lib.rename(lib.defaultTemplate(), "x")).hasMessageContaining("can't be renamed");
        assertThat(TemplateLibrary.userId("Square,  Quick!")).isEqualTo(renamed.id());

        // a file another version wrote, naming a parameter this one doesn't know: the rest still shows
        Files.writeString(dir.resolve("templates/odd.json"), """
                {"name": "Odd", "show": ["steps", "sparkle"], "workflow": {"1": {"class_type": "X", "inputs": {}}}}""");
        assertThat(lib.get("user:odd").orElseThrow().shown()).containsExactly(Parameter.STEPS);
    }

    @Test
    void bindingsSetValuesAndKeepModelSamplingFluxInStep() throws Exception {
        Workflow wf = new TemplateLibrary(Path.of("target/none")).get("flux1-dev").orElseThrow().workflow();
        Bindings b = ParameterBinder.bind(wf);
        Workflow wide = b.set(wf, Parameter.WIDTH, WorkflowJson.MAPPER.getNodeFactory().numberNode(1344));
        assertThat(wide.value("27", "width").orElseThrow().asInt()).isEqualTo(1344);
        assertThat(wide.value("30", "width").orElseThrow().asInt()).isEqualTo(1344);
        assertThat(wide.value("30", "height").orElseThrow().asInt()).isEqualTo(1024);
        assertThat(b.has(Parameter.NEGATIVE_PROMPT)).as("BasicGuider has no negative").isFalse();
        Workflow same = b.set(wf, Parameter.NEGATIVE_PROMPT, WorkflowJson.MAPPER.getNodeFactory().textNode("x"));
        assertThat(same).as("an absent parameter is never invented").isEqualTo(wf);
        assertThat(b.sizeStep()).isEqualTo(16);
    }

    @Test
    void runRequestsRenameInputImagesPerJobAndCheckSize() throws Exception {
        Workflow wf = new TemplateLibrary(Path.of("target/none")).get("flux1-dev-fp8-img2img").orElseThrow().workflow();
        ObjectNode input = RunRequest.input(wf, Map.of("10", PNG), "a1b2c3d4");
        assertThat(input.at("/workflow/10/inputs/image").asText()).isEqualTo("easel_a1b2c3d4_10.png");
        assertThat(input.at("/images/0/name").asText()).isEqualTo("easel_a1b2c3d4_10.png");
        assertThat(Base64.getDecoder().decode(input.at("/images/0/image").asText())).isEqualTo(PNG);
        assertThat(wf.value("10", "image").orElseThrow().asText()).as("the user's graph is untouched")
                .isEqualTo("example.png");
        RunRequest.checkSize(input);
        JsonNode preview = RunRequest.preview(input);
        assertThat(preview.at("/input/images/0/image").asText()).matches("<\\d+\\.\\d KB of base64>");
        assertThat(preview.at("/input/workflow")).isEqualTo(input.get("workflow"));

        ObjectNode huge = RunRequest.input(wf, Map.of("10", new byte[8_000_000]), "x");
        assertThatThrownBy(() -> RunRequest.checkSize(huge)).hasMessageContaining("10.7 MB")
                .hasMessageContaining("10 MB");
    }

    @Test
    void curlKeepsTheKeyInTheShell() {
        ObjectNode input = Fixtures.tutorialInput();
        ((ObjectNode) input.at("/workflow/6/inputs")).put("text", "it's a 'quoted' prompt");
        String curl = RunRequest.curl("https://api.runpod.ai/v2/", "abc123", input);
        assertThat(curl).startsWith("curl -X POST https://api.runpod.ai/v2/abc123/run")
                .contains("-H \"Authorization: Bearer $RUNPOD_API_KEY\"")
                .contains("it'\\''s a '\\''quoted'\\'' prompt");
    }

    /** The names of the files in a folder (the listing closed). */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
