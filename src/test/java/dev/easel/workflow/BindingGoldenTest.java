package dev.easel.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.cli.Inspection;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: every bundled template and every graph in {@code src/test/resources/workflows} is inspected
 * (format, problems, bound parameters) and compared with {@code src/test/resources/golden/NAME.json}.
 * After a deliberate change, regenerate with {@code -Dgolden.update=true} and review the diff line by line.
 */
class BindingGoldenTest {

    private static final Path WORKFLOWS = Path.of("src/test/resources/workflows");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyGraphBindsAsReviewed() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".json", "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, inspect(f))));
            }
        }
        for (Template t : new TemplateLibrary(Path.of("target/no-user-templates")).bundled()) {
            tests.add(DynamicTest.dynamicTest("template " + t.id(), () -> check("template-" + t.id(),
                    Inspection.of(WorkflowImporter.fromJson(t.workflow().toJson())))));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(26);
        return tests.stream();
    }

    private static JsonNode inspect(Path f) {
        try {
            return Inspection.of(WorkflowImporter.fromFile(f));
        } catch (WorkflowException e) {
            ObjectNode error = WorkflowJson.MAPPER.createObjectNode();
            error.put("error", e.getMessage());
            return error;
        }
    }

    private static void check(String name, JsonNode actual) throws IOException, WorkflowException {
        Path golden = GOLDEN.resolve(name + ".json");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, WorkflowJson.pretty(actual) + "\n");
        }
        assertThat(golden).as("golden file for " + name + " (create with -Dgolden.update=true, then review)")
                .exists();
        JsonNode expected = WorkflowJson.parse(Files.readString(golden));
        assertThat(WorkflowJson.pretty(actual)).isEqualTo(WorkflowJson.pretty(expected));
    }
}
