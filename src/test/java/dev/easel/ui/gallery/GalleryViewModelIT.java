package dev.easel.ui.gallery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.demo.DemoRenderer;
import dev.easel.library.Database;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.testing.Fixtures;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GalleryViewModelIT {

    @TempDir
    Path dir;

    @Test
    void refreshShowsNewestFirstAndUseTheseSettingsLoadsTheWorkflowBack() throws Exception {
        try (Database db = Database.open(dir.resolve("e.db"))) {
            ResultStore store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
            ObjectNode sent = (ObjectNode) Fixtures.tutorialInput().get("workflow");
            ((ObjectNode) sent.get("31").get("inputs")).put("seed", 777).put("steps", 23);
            ((ObjectNode) sent.get("6").get("inputs")).put("text", "an old lighthouse");
            for (int i = 0; i < 2; i++) {
                store.save(new ResultToSave(0, "j" + i, "Demo", new DemoRenderer().renderPng("x", i, 5, 32, 32, 0), 0,
                        sent, null, Map.of(Parameter.PROMPT, "picture " + i, Parameter.SEED, 777L), null, null, null,
                        0, Instant.parse("2026-11-24T10:00:0" + i + "Z")));
            }
            var session = new WorkflowSession(new TemplateLibrary(dir.resolve("t")).defaultTemplate());
            var vm = new GalleryViewModel(store, session, Runnable::run, Runnable::run);
            vm.refresh().join();
            assertThat(vm.items()).extracting(a -> a.prompt()).containsExactly("picture 1", "picture 0");

            vm.queryProperty().set("picture");
            vm.refresh().join();
            assertThat(vm.items()).hasSize(2);
            vm.queryProperty().set("nothing like it");
            vm.refresh().join();
            assertThat(vm.items()).isEmpty();
            vm.queryProperty().set("");
            vm.refresh().join();

            vm.useSettings(vm.items().getFirst()).join();
            assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(777);
            assertThat(session.value(Parameter.STEPS).orElseThrow().asInt()).isEqualTo(23);
            assertThat(session.value(Parameter.PROMPT).orElseThrow().asText()).isEqualTo("an old lighthouse");
            assertThat(session.getWorkflow()).isEqualTo(Workflow.of(sent));
            assertThat(vm.messageProperty().get()).startsWith("Loaded the settings of");

            Files.delete(vm.items().get(1).file());
            vm.useSettings(vm.items().get(1)).join();
            assertThat(vm.messageProperty().get()).startsWith("Can't read the settings of that image")
                    .contains("There is no file");
        }
    }
}
