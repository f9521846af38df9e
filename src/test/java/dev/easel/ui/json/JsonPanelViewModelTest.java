package dev.easel.ui.json;

import dev.easel.testing.Fixtures;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPanelViewModelTest {

    private final TemplateLibrary templates = new TemplateLibrary(Path.of("target/none"));
    private final WorkflowSession session = new WorkflowSession(templates.defaultTemplate());
    private final JsonPanelViewModel vm = new JsonPanelViewModel(session,
            () -> new JsonPanelViewModel.Target("https://api.runpod.ai/v2", "abc123"));

    @Test
    void showsTheExactRequestBody() throws Exception {
        var body = WorkflowJson.parse(vm.textProperty().get());
        assertThat(WorkflowJson.sameJson(body, Fixtures.json("comfyui_workflow.json"))).isTrue();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("Valid: 10 nodes.");
    }

    @Test
    void aParameterChangeRewritesTheText() {
        session.set(Parameter.STEPS, WorkflowJson.MAPPER.getNodeFactory().numberNode(33));
        assertThat(vm.textProperty().get()).contains("\"steps\": 33");
    }

    @Test
    void aValidEditReachesTheSessionAndAnInvalidOneDoesNot() {
        String edited = vm.textProperty().get().replace("\"seed\": 243057879077961", "\"seed\": 7");
        vm.edited(edited);
        assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(7);
        assertThat(vm.textProperty().get()).as("the user's text stays as typed").isEqualTo(edited);

        vm.edited(edited.replace("\"seed\": 7", "\"seed\": 7,,"));
        assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(7);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.label()).startsWith("Line " + p.line() + ":").contains("Not valid JSON");
        });
    }

    @Test
    void nodeProblemsArePlacedAtTheirInput() {
        String text = vm.textProperty().get();
        vm.edited(text.replace("\"steps\": 10", "\"steps\": 0"));
        var p = vm.problems().getFirst();
        assertThat(p.message()).isEqualTo("Node 31 steps: is 0; the smallest allowed is 1.");
        String line = vm.textProperty().get().lines().toList().get(p.line() - 1);
        assertThat(line.trim()).isEqualTo("\"steps\": 0,");
        assertThat(p.column()).isEqualTo(line.indexOf('"') + 1);
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void theShapeOfTheBodyMatters() {
        vm.edited("{\"input\": {\"prompt\": {}}}");
        assertThat(vm.problems().getFirst().message()).contains("input").contains("workflow");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(session.getWorkflow()).isEqualTo(templates.defaultTemplate().workflow());
    }

    @Test
    void formatReindentsOnlyValidJson() {
        vm.edited(WorkflowJson.compact(Fixtures.json("comfyui_workflow.json")));
        assertThat(vm.textProperty().get().lines().count()).isEqualTo(1);
        assertThat(vm.format()).isTrue();
        assertThat(vm.textProperty().get().lines().count()).isGreaterThan(100);
        vm.edited("{broken");
        assertThat(vm.format()).isFalse();
        assertThat(vm.textProperty().get()).isEqualTo("{broken");
    }

    @Test
    void chosenInputImagesShowAbbreviatedInTheBody() throws Exception {
        session.load(templates.get("flux1-dev-fp8-img2img").orElseThrow());
        session.inputImages().put("10", Path.of("/photos/holiday.png"));
        var body = WorkflowJson.parse(vm.textProperty().get());
        assertThat(body.at("/input/images/0/name").asText()).isEqualTo("easel_<job>_10.png");
        assertThat(body.at("/input/images/0/image").asText()).isEqualTo("<holiday.png, read when sent>");
        assertThat(body.at("/input/workflow/10/inputs/image").asText()).isEqualTo("easel_<job>_10.png");
        assertThat(session.getWorkflow().value("10", "image").orElseThrow().asText()).isEqualTo("example.png");
    }

    @Test
    void curlUsesTheTargetAndNeverAKey() {
        assertThat(vm.curlCommand()).startsWith("curl -X POST https://api.runpod.ai/v2/abc123/run")
                .contains("$RUNPOD_API_KEY").contains("treehouse");
    }
}
