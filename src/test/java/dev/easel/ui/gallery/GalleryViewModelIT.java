package dev.easel.ui.gallery;

import dev.easel.testing.TestStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.easel.io.Database;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.demo.DemoRenderer;
import dev.easel.library.Exporter;
import dev.easel.library.JpegExif;
import dev.easel.library.Library;
import dev.easel.library.LibraryQuery;
import dev.easel.library.ResultStore;
import dev.easel.library.ResultToSave;
import dev.easel.library.StatusImport;
import dev.easel.library.ThumbnailCache;
import dev.easel.library.Tile;
import dev.easel.library.Trash;
import dev.easel.testing.Fixtures;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class GalleryViewModelIT {

    @RegisterExtension
    final TestStore it = new TestStore();
    private Path dir;
    private Database db;
    private ResultStore store;
    private WorkflowSession session;
    private GalleryViewModel vm;
    private ObjectNode sent;

    @BeforeEach
    void open() throws Exception {
        dir = it.dir();
        db = it.db();
        store = it.results();
        session = new WorkflowSession(new TemplateLibrary(dir.resolve("t")).defaultTemplate());
        vm = new GalleryViewModel(it.library(), new StatusImport(store, it.nowhere(), Clock.systemUTC()),
                new Trash(dir.resolve("Trash")), session, Runnable::run, Runnable::run);
        sent = (ObjectNode) Fixtures.tutorialInput().get("workflow");
        ((ObjectNode) sent.get("31").get("inputs")).put("seed", 777).put("steps", 23);
        ((ObjectNode) sent.get("6").get("inputs")).put("text", "an old lighthouse");
    }

    private void save(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            store.save(new ResultToSave(0, "j" + i, "Demo", new DemoRenderer().renderPng("x", i, 5, 32, 32, 0), 0,
                    sent, null, Map.of(Parameter.PROMPT, "picture " + i, Parameter.SEED, 777L + i), null, null, null,
                    0, Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i)));
        }
        vm.refresh().join();
    }

    /** The tiles' prompts, in their order (tiles don't carry them: the grid reads one when its tooltip shows). */
    private List<String> prompts(List<Tile> tiles) throws Exception {
        var prompts = it.library().prompts(tiles.stream().map(Tile::id).toList());
        return tiles.stream().map(t -> prompts.get(t.id())).toList();
    }

    @Test
    void refreshSearchesAndUseTheseSettingsLoadsTheWorkflowBack() throws Exception {
        save(2);
        assertThat(prompts(vm.tiles())).containsExactly("picture 1", "picture 0");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 images");

        vm.filters().queryProperty().set("picture");
        vm.refresh().join();
        assertThat(vm.tiles()).hasSize(2);
        vm.filters().queryProperty().set("nothing like it");
        vm.refresh().join();
        assertThat(vm.tiles()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("0 of 2 images");
        vm.filters().queryProperty().set("");
        vm.filters().seedProperty().set("778");
        vm.refresh().join();
        assertThat(prompts(vm.tiles())).containsExactly("picture 1");
        vm.filters().clear();
        vm.filters().sortProperty().set(LibraryQuery.Sort.OLDEST);
        vm.refresh().join();
        assertThat(prompts(vm.tiles())).containsExactly("picture 0", "picture 1");

        vm.open(0).join();
        vm.reuse().useSettings(vm.viewedProperty().get()).join();
        assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(777);
        assertThat(session.value(Parameter.STEPS).orElseThrow().asInt()).isEqualTo(23);
        assertThat(session.value(Parameter.PROMPT).orElseThrow().asText()).isEqualTo("an old lighthouse");
        assertThat(session.getWorkflow()).isEqualTo(Workflow.of(sent));
        assertThat(vm.messageProperty().get()).startsWith("Loaded the settings of");

        Files.delete(vm.tiles().get(1).file());
        vm.open(1).join();
        vm.reuse().useSettings(vm.viewedProperty().get()).exceptionally(e -> null).join();
        assertThat(vm.messageProperty().get()).startsWith("Can't read the settings of that image")
                .contains("There is no file");
    }

    @Test
    void clicksShiftAndCtrlSelectLikeAFileManager() throws Exception {
        save(6); // shown newest first: picture 5 … picture 0
        vm.click(1, false, false);
        assertThat(vm.selected()).containsExactly(vm.tiles().get(1).id());
        vm.click(3, true, false);
        assertThat(prompts(vm.targets())).containsExactly("picture 4", "picture 3", "picture 2");
        vm.click(5, false, true);
        assertThat(vm.targets()).hasSize(4);
        vm.click(5, false, true);
        assertThat(vm.targets()).hasSize(3);
        vm.move(1, false); // from 5: clamped at the end, selects it alone
        assertThat(prompts(vm.targets())).containsExactly("picture 0");
        vm.move(-3, true);
        assertThat(vm.targets()).hasSize(4);
        assertThat(vm.focusProperty().get()).isEqualTo(2);
        vm.selectAll();
        assertThat(vm.selected()).hasSize(6);
        vm.clearSelection();
        assertThat(prompts(vm.targets())).as("nothing selected: the focused tile")
                .containsExactly("picture 3");
    }

    @Test
    void theViewerStepsThroughAndComparesTwo() throws Exception {
        save(3);
        vm.open(0).join();
        assertThat(vm.viewedProperty().get().prompt()).isEqualTo("picture 2");
        vm.next();
        assertThat(vm.viewedProperty().get().prompt()).isEqualTo("picture 1");
        vm.move(1, false); // arrows in the grid move the viewer too
        assertThat(vm.viewedProperty().get().prompt()).isEqualTo("picture 0");
        vm.next(); // the last: stays
        assertThat(vm.viewedProperty().get().prompt()).isEqualTo("picture 0");
        vm.previous();
        assertThat(vm.viewedProperty().get().prompt()).isEqualTo("picture 1");
        vm.click(0, false, false);
        vm.compareSelected().join();
        assertThat(vm.messageProperty().get()).contains("Select two images");
        vm.click(2, false, true);
        vm.compareSelected().join();
        assertThat(vm.viewedProperty().get().prompt()).isEqualTo("picture 2");
        assertThat(vm.comparedProperty().get().prompt()).isEqualTo("picture 0");
        vm.closeViewer();
        assertThat(vm.comparedProperty().get()).isNull();
    }

    @Test
    void bulkFavouriteTagExportAndTrash() throws Exception {
        save(3);
        vm.selectAll();
        vm.actions().toggleFavourite().join();
        assertThat(vm.tiles()).allMatch(Tile::favourite);
        vm.actions().toggleFavourite().join();
        assertThat(vm.tiles()).noneMatch(Tile::favourite);
        vm.click(0, false, false);
        vm.actions().toggleFavourite().join();
        vm.filters().favouritesOnlyProperty().set(true);
        vm.refresh().join();
        assertThat(vm.tiles()).hasSize(1);
        vm.filters().favouritesOnlyProperty().set(false);

        vm.click(0, false, false);
        vm.click(1, true, false);
        vm.actions().addTag("harbour").join();
        assertThat(vm.messageProperty().get()).isEqualTo("Tagged 2 images “harbour”.");
        assertThat(vm.facetsProperty().get().tags()).containsExactly("harbour");
        vm.filters().tagProperty().set("harbour");
        vm.refresh().join();
        assertThat(vm.tiles()).hasSize(2);
        vm.filters().tagProperty().set(null);
        vm.refresh().join();

        vm.selectAll();
        vm.actions().export(new Exporter.Options(dir.resolve("exported"), Exporter.Format.JPEG, "{n}", true, 0)).join();
        assertThat(vm.messageProperty().get()).startsWith("Exported 3 images to");
        try (var files = Files.list(dir.resolve("exported"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("001.jpg", "001.json", "002.jpg", "002.json", "003.jpg", "003.json");
        }

        vm.click(0, false, false);
        Path file = vm.tiles().getFirst().file();
        vm.actions().deleteTargets().join();
        assertThat(vm.messageProperty().get()).isEqualTo("Moved 1 image to the trash.");
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("Trash/files").resolve(file.getFileName())).exists();
        assertThat(vm.tiles()).hasSize(2);
    }

    @Test
    void droppedFilesGoWhereTheyBelong() throws Exception {
        // a saved /status answer: into the library
        Path answer = dir.resolve("comfyui_output.json");
        Files.writeString(answer, Fixtures.runpod("status-completed-base64"));
        vm.reuse().importFiles(List.of(answer)).join();
        assertThat(vm.messageProperty().get()).startsWith("Added 1 image from comfyui_output.json");
        assertThat(vm.tiles()).hasSize(1);

        // an A1111 JPEG: its parameters onto the graph in the editor
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", jpg);
        Path a1111 = dir.resolve("00001-1234.jpg");
        Files.write(a1111, JpegExif.withUserComment(jpg.toByteArray(), "a castle on a hill\nNegative prompt: fog\n"
                + "Steps: 31, Sampler: DPM++ 2M Karras, CFG scale: 1.5, Seed: 1234, Size: 768x512, Model: sd15"));
        vm.reuse().importFiles(List.of(a1111)).join();
        assertThat(vm.messageProperty().get()).isEqualTo("Applied the parameters of 00001-1234.jpg to the current workflow.");
        assertThat(session.value(Parameter.PROMPT).orElseThrow().asText()).isEqualTo("a castle on a hill");
        assertThat(session.value(Parameter.STEPS).orElseThrow().asInt()).isEqualTo(31);
        assertThat(session.value(Parameter.SEED).orElseThrow().asLong()).isEqualTo(1234);
        assertThat(session.value(Parameter.WIDTH).orElseThrow().asInt()).isEqualTo(768);
        assertThat(session.value(Parameter.SAMPLER).orElseThrow().asText()).isEqualTo("dpmpp_2m");
        assertThat(session.value(Parameter.SCHEDULER).orElseThrow().asText()).isEqualTo("karras");

        // a ComfyUI PNG: its whole workflow
        save(1);
        vm.reuse().importFiles(List.of(vm.tiles().get(prompts(vm.tiles()).indexOf("picture 0")).file())).join();
        assertThat(session.getWorkflow()).isEqualTo(Workflow.of(sent));
        assertThat(vm.messageProperty().get()).startsWith("Loaded the workflow of");

        // something else: a sentence, nothing changed
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "hello");
        vm.reuse().importFiles(List.of(text)).join();
        assertThat(vm.messageProperty().get()).contains("not an image");
        assertThat(session.getWorkflow()).isEqualTo(Workflow.of(sent));
    }

    @Test
    void workAskedForWhileClosingIsDroppedNotThrown() {
        var closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        var late = new GalleryViewModel(new Library(db, dir.resolve("out"), new ThumbnailCache(dir.resolve("t2"),
                Runnable::run), ZoneOffset.UTC), null, new Trash(dir.resolve("Trash")), session, closed, Runnable::run);
        Assertions.assertThatCode(late::refresh).doesNotThrowAnyException();
        assertThat(late.tiles()).isEmpty();
    }
}
