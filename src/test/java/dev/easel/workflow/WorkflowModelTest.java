package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowModelTest {

    private static final String ODD = """
            {
              "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "x"}, "_meta": {"title": "Save"}},
              "2": {"inputs": {"seed": 18446744073709551615, "cfg": 1.0, "denoise": 0.1, "steps": 20,
                    "mystery": {"deep": [1, 2.50, "three"]}}, "class_type": "KSampler", "extra_field": true},
              "8": {"class_type": "MyCustomNode+", "inputs": {"z": 1, "a": 2}, "_meta": {"title": "Custom", "color": "#fff"}}
            }""";

    @Test
    void aLoadEditSaveRoundTripKeepsEverythingNotEdited() throws Exception {
        Workflow wf = Workflow.parse(ODD);
        Workflow edited = wf.edit(e -> e.set("2", "steps", 30));
        ObjectNode out = edited.toJson();
        // node order, key order inside nodes, unknown fields and types, exact numbers
        assertThat(fieldNames(out)).containsExactly("9", "2", "8");
        assertThat(fieldNames(out.get("2"))).containsExactly("inputs", "class_type", "extra_field");
        assertThat(fieldNames(out.get("2").get("inputs"))).containsExactly("seed", "cfg", "denoise", "steps", "mystery");
        assertThat(fieldNames(out.get("8").get("inputs"))).containsExactly("z", "a");
        String text = WorkflowJson.compact(out);
        assertThat(text).contains("\"seed\":18446744073709551615").contains("\"cfg\":1.0").contains("\"denoise\":0.1")
                .contains("\"steps\":30").contains("[1,2.50,\"three\"]").contains("\"color\":\"#fff\"");
        // nothing else changed
        ObjectNode back = edited.toJson();
        ((ObjectNode) back.get("2").get("inputs")).put("steps", 20);
        assertThat(back).isEqualTo(wf.toJson());
        assertThat(wf.value("2", "steps").orElseThrow().asInt()).as("the original is untouched").isEqualTo(20);
    }

    @Test
    void theTutorialRoundTripsExactly() throws Exception {
        String text = Fixtures.text("comfyui_workflow.json");
        JsonNode original = WorkflowJson.parse(text).at("/input/workflow");
        Workflow wf = Workflow.parse(WorkflowJson.pretty(original));
        assertThat(wf.toJson()).isEqualTo(original);
        assertThat(WorkflowJson.pretty(wf.toJson())).isEqualTo(WorkflowJson.pretty(original));
        assertThat(wf.nodeIds()).containsExactly("6", "8", "9", "27", "30", "31", "33", "35", "38", "40");
    }

    @Test
    void editsNeverCreateNodes() throws Exception {
        Workflow wf = Workflow.parse(ODD);
        assertThat(wf.edit(e -> e.set("404", "x", 1))).isEqualTo(wf);
    }

    @Test
    void linksAndLiterals() throws Exception {
        Workflow wf = Workflow.parse(ODD);
        assertThat(wf.node("9").orElseThrow().link("images")).contains(new Link("8", 0));
        assertThat(wf.value("9", "images")).as("a link is not a literal").isEmpty();
        assertThat(wf.value("2", "cfg").orElseThrow().decimalValue()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(wf.node("8").orElseThrow().title()).isEqualTo("Custom");
        assertThat(wf.node("2").orElseThrow().title()).isEqualTo("KSampler");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> Workflow.parse("{\n  \"3\": {\"class_type\": \"KSampler\",,}\n}"))
                .isInstanceOfSatisfying(WorkflowException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isGreaterThan(30);
                    assertThat(e.getMessage()).startsWith("Not valid JSON at line 2, column");
                });
        assertThatThrownBy(() -> Workflow.parse("[1,2]")).hasMessageContaining("JSON object of nodes");
        assertThatThrownBy(() -> Workflow.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Workflow.parse("{} {}")).isInstanceOf(WorkflowException.class);
    }

    @Test
    void formatsAreDetected() throws Exception {
        assertThat(WorkflowFormat.detect(WorkflowJson.parse(ODD))).isEqualTo(WorkflowFormat.API);
        assertThat(WorkflowFormat.detect(Fixtures.json("comfyui_workflow.json"))).isEqualTo(WorkflowFormat.REQUEST);
        assertThat(WorkflowFormat.detect(Fixtures.json("workflows/ui-basic.json"))).isEqualTo(WorkflowFormat.UI);
        assertThat(WorkflowFormat.detect(WorkflowJson.parse("{\"a\": 1}"))).isEqualTo(WorkflowFormat.UNKNOWN);
        assertThat(WorkflowFormat.detect(WorkflowJson.parse("{}"))).isEqualTo(WorkflowFormat.UNKNOWN);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
