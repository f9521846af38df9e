package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowValidatorTest {

    private static ObjectNode tutorial() {
        return (ObjectNode) Fixtures.tutorialInput().get("workflow");
    }

    private static List<String> errors(Object json) throws Exception {
        var node = json instanceof String s ? WorkflowJson.parse(s) : (JsonNode) json;
        return WorkflowValidator.validate(node).stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    private static ObjectNode inputs(ObjectNode graph, String node) {
        return (ObjectNode) graph.get(node).get("inputs");
    }

    @Test
    void theTutorialAndEveryTemplateAreValid() throws Exception {
        assertThat(WorkflowValidator.validate(tutorial())).isEmpty();
        for (Template t : new TemplateLibrary(Path.of("target/none")).bundled()) {
            assertThat(WorkflowValidator.validate(t.workflow().toJson())).as(t.id()).isEmpty();
        }
    }

    @Test
    void notAnObjectOrNoNodes() throws Exception {
        assertThat(errors("[1]")).containsExactly("A workflow must be a JSON object of nodes.");
        assertThat(errors("{}")).containsExactly("The workflow has no nodes.");
    }

    @Test
    void aNodeWithoutClassType() throws Exception {
        ObjectNode g = tutorial();
        ((ObjectNode) g.get("8")).remove("class_type");
        assertThat(errors(g)).contains("Node 8: has no class_type: every node needs one.");
    }

    @Test
    void linksToMissingNodesAndOutputs() throws Exception {
        ObjectNode g = tutorial();
        inputs(g, "31").putArray("model").add("99").add(0);
        inputs(g, "8").putArray("vae").add("30").add(3);
        assertThat(errors(g)).contains("Node 31 model: links to node 99, which does not exist.",
                "Node 8 vae: links to output 3 of node 30 (CheckpointLoaderSimple), which has outputs 0..2.");
    }

    @Test
    void aCycle() throws Exception {
        ObjectNode g = tutorial();
        inputs(g, "35").putArray("conditioning").add("36").add(0);
        g.putObject("36").put("class_type", "FluxGuidance").putObject("inputs").put("guidance", 1)
                .putArray("conditioning").add("35").add(0);
        assertThat(errors(g)).anyMatch(e -> e.contains("is part of a cycle") && e.contains("35") && e.contains("36"));
    }

    @Test
    void onlyNodesAnOutputDependsOnAreCheckedAsComfyUIDoes() throws Exception {
        ObjectNode g = tutorial();
        // a half-wired node off to the side: ComfyUI never runs it, so it doesn't stop the graph
        g.putObject("99").put("class_type", "CLIPTextEncode").putObject("inputs").put("text", "unused");
        g.putObject("98").put("class_type", "KSampler").putObject("inputs").put("steps", 0);
        assertThat(errors(g)).isEmpty();
        // wired in, the same node is checked
        inputs(g, "9").set("images", WorkflowJson.MAPPER.createArrayNode().add("98").add(0));
        assertThat(errors(g)).isNotEmpty().anyMatch(e -> e.startsWith("Node 98"));
    }

    @Test
    void noOutputNodeIsAnErrorAndOnlyPreviewsAWarning() throws Exception {
        ObjectNode g = tutorial();
        g.remove(List.of("9", "40"));
        assertThat(errors(g)).isEmpty();
        assertThat(WorkflowValidator.validate(g)).singleElement()
                .satisfies(p -> assertThat(Messages.get(p.message())).contains("only previews"));
        g.remove("38");
        assertThat(errors(g)).anyMatch(e -> e.contains("no output node"));
    }

    @Test
    void numbersOutOfRangeAndSizesOffTheirStep() throws Exception {
        ObjectNode g = tutorial();
        inputs(g, "27").put("width", 520).put("height", 8);
        inputs(g, "31").put("steps", 0).put("denoise", 1.5).put("cfg", "high");
        assertThat(errors(g)).contains(
                "Node 27 height: is 8; the smallest allowed is 16.",
                "Node 31 steps: is 0; the smallest allowed is 1.",
                "Node 31 denoise: is 1.5; the largest allowed is 1.",
                "Node 31 cfg: must be a number, not \"high\"");
        ObjectNode sd = (ObjectNode) Fixtures.json("workflows/sd15-basic.json");
        inputs(sd, "5").put("width", 520);
        assertThat(errors(sd)).as("EmptyLatentImage steps by 8").isEmpty();
        inputs(sd, "5").put("width", 516);
        // ComfyUI runs it (it checks min and max only; the model floors the size): a note, not an error
        assertThat(errors(sd)).isEmpty();
        assertThat(WorkflowValidator.validate(sd)).extracting(Problem::toString)
                .contains("Node 5 width: is 516, not a multiple of 8: the model will round it down to 512.");
        assertThat(WorkflowValidator.validate(g)).extracting(Problem::toString)
                .contains("Node 27 width: is 520, not a multiple of 16: the model will round it down to 512.");
        inputs(sd, "5").put("width", 512.5);
        assertThat(errors(sd)).containsExactly("Node 5 width: must be a whole number, not 512.5.");
    }

    @Test
    void aMissingRequiredInput() throws Exception {
        ObjectNode g = tutorial();
        inputs(g, "6").remove("clip");
        assertThat(errors(g)).containsExactly("Node 6 clip: is missing; CLIPTextEncode needs it.");
    }

    @Test
    void unknownSamplerOrSchedulerIsOnlyAWarning() throws Exception {
        ObjectNode g = tutorial();
        inputs(g, "31").put("sampler_name", "euler_turbo").put("scheduler", "fancy");
        assertThat(errors(g)).isEmpty();
        assertThat(WorkflowValidator.validate(g)).extracting(Problem::severity).containsOnly(Problem.Severity.WARNING);
        assertThat(WorkflowValidator.validate(g)).hasSize(2);
    }

    @Test
    void uiFormatIsRecognisedAndExplained() throws Exception {
        assertThat(errors(Fixtures.json("workflows/ui-basic.json"))).singleElement().asString()
                .contains("editor format").contains("Save (API)");
    }

    @Test
    void customNodesPassThrough() throws Exception {
        ObjectNode g = tutorial();
        g.putObject("50").put("class_type", "SomeCustomUpscaler").putObject("inputs").put("anything", "goes")
                .putArray("image").add("8").add(0);
        assertThat(errors(g)).isEmpty();
    }
}
