package dev.easel.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowCheckTest {

    private final WorkflowCheck check = new WorkflowCheck(DemoModels.DEFAULT);
    private static final Set<String> NO_UPLOADS = Set.of("example.png");

    private static ObjectNode graph(ObjectNode input) {
        return (ObjectNode) input.get("workflow");
    }

    @Test
    void theTutorialWorkflowIsValid() {
        assertThat(check.check(Fixtures.tutorialInput(), NO_UPLOADS)).isNull();
    }

    @Test
    void aMissingCheckpointReadsExactlyLikeTheRealWorker() {
        // The fixture came from an endpoint with only the fp8 checkpoint and a graph with one SaveImage.
        var onlyFp8 = new WorkflowCheck(new DemoModels(Map.of("checkpoints", List.of("flux1-dev-fp8.safetensors"))));
        ObjectNode input = Fixtures.tutorialInput();
        graph(input).remove(List.of("38", "40"));
        ((ObjectNode) graph(input).get("30").get("inputs")).put("ckpt_name", "flux1-dev.safetensors");
        String expected = Fixtures.json("runpod/status-failed-validation.json").get("error").asText();
        // that older example leaves extra_info empty; the recorded real worker fills it (see the test below)
        assertThat(onlyFp8.check(input, NO_UPLOADS).replaceAll("'extra_info': \\{'input_name'.*?'received_value': "
                + "'[^']*'}", "'extra_info': {}")).isEqualTo(expected);
    }

    @Test
    void missingCheckpointListsEveryDependentOutputPreviewsIncludedAndTheAvailableModels() {
        ObjectNode input = Fixtures.tutorialInput();
        ((ObjectNode) graph(input).get("30").get("inputs")).put("ckpt_name", "nope.safetensors");
        String error = check.check(input, NO_UPLOADS);
        assertThat(error).startsWith("Workflow validation failed:\n• Node 30 (errors): [{'type': 'value_not_in_list'")
                .contains("• Node 30 (dependent_outputs): ['9', '38', '40']")
                .contains("• Node 30 (class_type): CheckpointLoaderSimple")
                .endsWith("\n\nAvailable checkpoint models: flux1-dev-fp8.safetensors, sd_xl_base_1.0.safetensors, "
                        + "sd3_medium_incl_clips_t5xxlfp8.safetensors");
    }

    @Test
    void missingWorkflow() {
        ObjectNode input = Fixtures.JSON.createObjectNode();
        input.put("prompt", "hello");
        assertThat(check.check(input, NO_UPLOADS)).isEqualTo("Missing 'workflow' parameter");
    }

    @Test
    void aUiFormatGraphIsRejectedAsComfyUiDoes() throws Exception {
        ObjectNode input = (ObjectNode) Fixtures.JSON.readTree("""
                {"workflow":{"last_node_id":9,"nodes":[{"id":3,"type":"KSampler","widgets_values":[1,"fixed",20]}],
                 "links":[],"version":0.4}}""");
        assertThat(check.check(input, NO_UPLOADS))
                .startsWith("Cannot execute because a node is missing the class_type property.. Raw response: ")
                .contains("\"type\": \"invalid_prompt\"").contains("Node ID '#last_node_id'");
    }

    @Test
    void anUnknownClassTypeIsNamed() {
        ObjectNode input = Fixtures.tutorialInput();
        graph(input).putObject("50").put("class_type", "SuperUpscaler3000").putObject("inputs");
        assertThat(check.check(input, NO_UPLOADS))
                .startsWith("Cannot execute because node SuperUpscaler3000 does not exist.. Raw response: ")
                .contains("Node ID '#50'");
    }

    @Test
    void aLinkToAMissingNodeOrOutput() {
        ObjectNode input = Fixtures.tutorialInput();
        ((ObjectNode) graph(input).get("31").get("inputs")).putArray("model").add("99").add(0);
        assertThat(check.check(input, NO_UPLOADS)).startsWith("Workflow validation failed:\n• Node 31 (errors): ")
                .contains("'type': 'bad_linked_input'").contains("model: node '99' does not exist");

        input = Fixtures.tutorialInput();
        ((ObjectNode) graph(input).get("8").get("inputs")).putArray("vae").add("30").add(7);
        assertThat(check.check(input, NO_UPLOADS)).contains("vae: node '30' (CheckpointLoaderSimple) has no output 7");
    }

    @Test
    void aRequiredInputMissing() {
        ObjectNode input = Fixtures.tutorialInput();
        ((ObjectNode) graph(input).get("6").get("inputs")).remove("clip");
        assertThat(check.check(input, NO_UPLOADS))
                .contains("• Node 6 (errors): [{'type': 'required_input_missing', 'message': 'Required input is missing', "
                        + "'details': 'clip', 'extra_info': {'input_name': 'clip'}}]")
                .contains("• Node 6 (class_type): CLIPTextEncode");
    }

    @Test
    void unknownSamplerAndOutOfRangeNumbers() {
        ObjectNode input = Fixtures.tutorialInput();
        ObjectNode ks = (ObjectNode) graph(input).get("31").get("inputs");
        ks.put("sampler_name", "warp_drive");
        ks.put("steps", 0);
        String error = check.check(input, NO_UPLOADS);
        assertThat(error).contains("sampler_name: 'warp_drive' not in (list of length 42)")
                .contains("'type': 'value_smaller_than_min', 'message': 'Value 0 smaller than min of 1'")
                .doesNotContain("Available checkpoint models");
    }

    @Test
    void noOutputNode() {
        ObjectNode input = Fixtures.tutorialInput();
        graph(input).remove(List.of("9", "38", "40"));
        assertThat(check.check(input, NO_UPLOADS)).startsWith("Prompt has no outputs. Raw response: ");
    }

    @Test
    void malformedImagesList() throws Exception {
        ObjectNode input = Fixtures.tutorialInput();
        input.putArray("images").addObject().put("name", "a.png");
        assertThat(check.check(input, NO_UPLOADS))
                .isEqualTo("'images' must be a list of objects with 'name' and 'image' keys");
    }

    @Test
    void loadImageMustNameAnUploadedImage() {
        ObjectNode input = Fixtures.tutorialInput();
        graph(input).putObject("60").put("class_type", "LoadImage").putObject("inputs").put("image", "mine.png");
        ((ObjectNode) graph(input).get("9").get("inputs")).putArray("images").add("60").add(0);
        assertThat(check.check(input, NO_UPLOADS)).contains("image - Invalid image file: mine.png");
        assertThat(check.check(input, Set.of("mine.png"))).isNull();
    }

    @Test
    void pythonReprMatchesPython() {
        assertThat(PyRepr.of(List.of("a", "it's", Map.of()))).isEqualTo("['a', \"it's\", {}]");
        assertThat(PyRepr.str("say \"hi\" it's")).isEqualTo("'say \"hi\" it\\'s'");
        assertThat(PyRepr.of(true)).isEqualTo("True");
    }

    @Test
    void aWorkerWithoutTheCheckpointSaysWhatTheRealWorkerSays() {
        var none = new WorkflowCheck(new DemoModels(Map.of("checkpoints", List.of())));
        String real = Fixtures.json("real-worker/flux_tutorial.json").path("error").asText();
        // the same text, but for two things the demo can't know or that aren't fixed: the input's tooltip, and
        // the order of dependent_outputs (ComfyUI iterates a Python set, whose order changes from run to run)
        assertThat(normal(none.check(Fixtures.tutorialInput(), NO_UPLOADS))).isEqualTo(normal(real));
    }

    private static String normal(String workerText) {
        String s = workerText.replaceAll("\\{'tooltip': '[^']*'}", "{}");
        var m = Pattern.compile("\\(dependent_outputs\\): \\[([^\\]]*)]").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> ids = new ArrayList<>(List.of(m.group(1).split(", ")));
            Collections.sort(ids);
            m.appendReplacement(out, Matcher.quoteReplacement("(dependent_outputs): " + ids));
        }
        m.appendTail(out);
        return out.toString();
    }
}
