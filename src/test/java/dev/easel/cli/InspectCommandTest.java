package dev.easel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InspectCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aValidWorkflowPrintsItsFormatNodesAndParametersAndExitsZero() throws Exception {
        assertThat(run("inspect", "src/test/resources/comfyui_workflow.json")).isZero();
        JsonNode report = WorkflowJson.parse(out.toString());
        assertThat(report.path("format").asText()).isEqualTo("runpod-request");
        assertThat(report.path("nodes").asInt()).isEqualTo(10);
        assertThat(report.path("valid").asBoolean()).isTrue();
        assertThat(report.at("/parameters/seed/value").asLong()).isEqualTo(243057879077961L);
        assertThat(report.at("/parameters/guidance/node").asText()).isEqualTo("35");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anInvalidWorkflowStillReportsButExitsTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"1\": {\"class_type\": \"KSampler\", \"inputs\": {\"steps\": 0}}}");
        assertThat(run("inspect", f.toString())).isEqualTo(2);
        JsonNode report = WorkflowJson.parse(out.toString());
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("problems").toString()).contains("the smallest allowed is 1").contains("no output node");
        assertThat(err.toString()).contains("has problems that stop it from running");
    }

    @Test
    void hostileGraphsAreASentenceAndExitTwoNeverAStackTrace(@TempDir Path dir) throws Exception {
        String save = "\"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"1\", 0]}}";
        StringBuilder chain = new StringBuilder("{");
        for (int i = 1; i <= 10_000; i++) {
            chain.append("\"n").append(i).append("\": {\"class_type\": \"ImageInvert\", \"inputs\": {\"image\": ")
                    .append(i == 10_000 ? "[\"n1\", 0]" : "[\"n" + (i + 1) + "\", 0]").append("}},");
        }
        chain.append("\"out\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"n1\", 0]}}}");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {\"width\": 1e-2147483649}}, " + save + "}",
                "a value can't be read");
        cases.put(chain.toString(), "part of a cycle");
        cases.put("{\"1\": {\"class_type\": 5, \"inputs\": {}}, " + save + "}", "class_type must be text");
        cases.put("{\"1\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 18446744073709551616}}, " + save + "}",
                "the largest allowed is");
        cases.put("{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {}}, \"9\": {\"class_type\": \"SaveImage\", "
                + "\"inputs\": {\"images\": [\"1\", 0, 7]}}}", "(this list has 3 elements)");
        cases.put("{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {}}, \"1\": {\"class_type\": \"X\"}, " + save + "}",
                "Duplicate field '1'");
        int n = 0;
        for (var c : cases.entrySet()) {
            Path f = dir.resolve("case-" + n++ + ".json");
            Files.writeString(f, c.getKey());
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertThat(run("inspect", f.toString())).as(c.getValue()).isEqualTo(2);
            assertThat(out.toString() + err.toString()).as(c.getValue()).contains(c.getValue())
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void unreadableFilesAreAClearMessageAndExitTwo(@TempDir Path dir) throws Exception {
        assertThat(run("inspect", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("There is no file").doesNotContain("Exception");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"3\": {,\n}");
        err.getBuffer().setLength(0);
        assertThat(run("inspect", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Not valid JSON at line 2");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aUiFileIsConvertedAndACustomNodeNamed() {
        assertThat(run("inspect", "src/test/resources/workflows/ui-muted-bypassed.json")).isZero();
        assertThat(out.toString()).contains("\"format\": \"ui\"").contains("Spliced out 1 bypassed node.");
        assertThat(run("inspect", "src/test/resources/workflows/ui-custom-node.json")).isEqualTo(2);
        assertThat(err.toString()).contains("ImpactWildcardEncode (node 40)").contains("Save (API)");
    }
}
