package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UiConverterTest {

    private static JsonNode convert(String name) throws WorkflowException {
        return UiConverter.convert(Fixtures.json("workflows/" + name + ".json")).workflow().toJson();
    }

    @Test
    void widgetsAreMappedInComfyUisOrderAndTheSeedControlIsDropped() throws Exception {
        JsonNode api = convert("ui-basic");
        assertThat(WorkflowJson.compact(api.get("3"))).isEqualTo("{\"inputs\":{\"model\":[\"4\",0],\"seed\":8566257,"
                + "\"steps\":25,\"cfg\":7.5,\"sampler_name\":\"dpmpp_2m\",\"scheduler\":\"karras\",\"positive\":[\"6\",0],"
                + "\"negative\":[\"7\",0],\"latent_image\":[\"5\",0],\"denoise\":1},\"class_type\":\"KSampler\","
                + "\"_meta\":{\"title\":\"KSampler\"}}");
        assertThat(api.at("/6/_meta/title").asText()).isEqualTo("Positive");
        assertThat(api.at("/9/inputs/filename_prefix").asText()).isEqualTo("street");
        assertThat(WorkflowValidator.validate(api)).isEmpty();
    }

    @Test
    void bothLinkShapesGiveTheSameGraph() throws Exception {
        assertThat(convert("ui-v1-links")).isEqualTo(convert("ui-basic"));
    }

    @Test
    void reroutesAreResolved() throws Exception {
        JsonNode api = convert("ui-reroutes");
        assertThat(api.at("/3/inputs/model").toString()).isEqualTo("[\"4\",0]");
        assertThat(api.at("/6/inputs/clip").toString()).isEqualTo("[\"4\",1]");
        assertThat(api.has("20")).isFalse();
        assertThat(api).isEqualTo(convert("ui-basic"));
    }

    @Test
    void mutedNodesAreDroppedAndBypassedOnesSpliced() throws Exception {
        UiConverter.Result r = UiConverter.convert(Fixtures.json("workflows/ui-muted-bypassed.json"));
        JsonNode api = r.workflow().toJson();
        assertThat(api.has("10")).as("bypassed LoRA").isFalse();
        assertThat(api.has("11")).as("muted SaveImage").isFalse();
        assertThat(api.has("12")).as("note").isFalse();
        assertThat(api.has("13")).as("muted LoRA").isFalse();
        assertThat(api.at("/3/inputs/model").toString()).isEqualTo("[\"4\",0]");
        assertThat(api.at("/7/inputs/clip").toString()).isEqualTo("[\"4\",1]");
        assertThat(r.notes().stream().map(Messages::get)).contains("Left out 2 muted nodes.", "Spliced out 1 bypassed node.");
    }

    @Test
    void primitiveNodesBecomeLiterals() throws Exception {
        JsonNode api = convert("ui-primitive");
        assertThat(api.at("/3/inputs/seed").asLong()).isEqualTo(123456789L);
        assertThat(api.at("/6/inputs/text").asText()).isEqualTo("a shared prompt from a primitive");
        assertThat(api.has("30")).isFalse();
    }

    @Test
    void aBypassedGuidanceIsSplicedByType() throws Exception {
        JsonNode api = convert("ui-flux-custom-sampler");
        assertThat(api.at("/22/inputs/conditioning").toString()).isEqualTo("[\"6\",0]");
        assertThat(api.at("/25/inputs/noise_seed").asLong()).isEqualTo(55);
        assertThat(api.at("/17/inputs").toString())
                .isEqualTo("{\"model\":[\"12\",0],\"scheduler\":\"simple\",\"steps\":20,\"denoise\":1}");
        assertThat(WorkflowValidator.validate(api)).isEmpty();
    }

    @Test
    void customNodesWithWidgetsAreNamedWithTheWayOut() {
        assertThatThrownBy(() -> convert("ui-custom-node")).isInstanceOf(WorkflowException.class)
                .hasMessageContaining("ImpactWildcardEncode (node 40)").hasMessageContaining("Save (API)");
    }

    @Test
    void anApiGraphIsNotAUiGraph() {
        assertThatThrownBy(() -> UiConverter.convert(Fixtures.tutorialInput().get("workflow")))
                .hasMessageContaining("not a ComfyUI editor file");
    }

    @Test
    void theEditorGraphTakesTheValuesAJobReallyUsed() throws Exception {
        for (String name : List.of("ui-basic", "ui-v1-links", "ui-reroutes", "ui-primitive",
                "ui-muted-bypassed", "ui-flux-custom-sampler")) {
            JsonNode ui = Fixtures.json("workflows/" + name + ".json");
            Workflow api = UiConverter.convert(ui).workflow();
            Bindings b = ParameterBinder.bind(api);
            Workflow used = api;
            var f = WorkflowJson.MAPPER.getNodeFactory();
            if (b.has(Parameter.SEED)) {
                used = b.set(used, Parameter.SEED, f.numberNode(987654321L));
            }
            if (b.has(Parameter.STEPS)) {
                used = b.set(used, Parameter.STEPS, f.numberNode(13));
            }
            if (b.has(Parameter.PROMPT)) {
                used = b.set(used, Parameter.PROMPT, f.textNode("what was really asked for"));
            }
            assertThat(used).as(name + ": something changed").isNotEqualTo(api);
            JsonNode synced = UiConverter.syncWidgets(ui, used).orElseThrow(() -> new AssertionError(name));
            // read back as ComfyUI would: the editor graph now converts to exactly what was sent
            assertThat(WorkflowJson.sameJson(UiConverter.convert(synced).workflow().toJson(), used.toJson()))
                    .as(name).isTrue();
            assertThat(ui).as("the original is untouched").isEqualTo(Fixtures.json("workflows/" + name + ".json"));
        }
    }

    @Test
    void anEditorGraphThatNoLongerMatchesIsLeftOut() throws Exception {
        JsonNode ui = Fixtures.json("workflows/ui-basic.json");
        Workflow api = UiConverter.convert(ui).workflow();
        Workflow grown = Workflow.of((ObjectNode) WorkflowJson.parse(
                WorkflowJson.compact(api.toJson()).replaceFirst("\\{", "{\"99\":{\"class_type\":\"PreviewImage\","
                        + "\"inputs\":{\"images\":[\"8\",0]}},")));
        assertThat(UiConverter.syncWidgets(ui, grown)).as("a node the editor graph lacks").isEmpty();
        assertThat(UiConverter.syncWidgets(ui, Workflow.of((ObjectNode)
                Fixtures.tutorialInput().get("workflow")))).as("another graph altogether").isEmpty();
        assertThat(UiConverter.syncWidgets(api.toJson(), api)).as("not an editor graph").isEmpty();
    }
}
