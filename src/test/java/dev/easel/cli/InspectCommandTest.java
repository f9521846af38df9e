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
