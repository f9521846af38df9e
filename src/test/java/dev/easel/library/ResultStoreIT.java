package dev.easel.library;

import dev.easel.testing.TestStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.easel.io.Database;
import dev.easel.testing.Databases;
import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.demo.DemoRenderer;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.PngText;
import dev.easel.workflow.UiConverter;
import dev.easel.workflow.WorkflowImporter;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultStoreIT {

    @RegisterExtension
    final TestStore it = new TestStore();
    private Path dir;
    private Database db;
    private ResultStore store;
    private final Instant when = Instant.parse("2026-11-24T15:04:05Z");

    @BeforeEach
    void open() {
        dir = it.dir();
        db = it.db();
        store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
    }

    private ResultToSave result(byte[] image, int index) {
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.PROMPT, "A whimsical, intricate treehouse nestled in the branches · 画像");
        p.put(Parameter.SEED, 243057879077961L);
        p.put(Parameter.STEPS, 10);
        p.put(Parameter.WIDTH, 64);
        p.put(Parameter.HEIGHT, 64);
        JsonNode sent = Fixtures.tutorialInput().get("workflow");
        return new ResultToSave(0, "job-1-e1", "Demo", image, index, sent, Fixtures.json("workflows/ui-basic.json"),
                p, "flux1-dev-fp8", Duration.ofMillis(900), Duration.ofMillis(1500), 0.0012, when);
    }

    @Test
    void aPngIsWrittenWithItsMetadataAndIndexed() throws Exception {
        byte[] png = new DemoRenderer().renderPng("treehouse", 1, 10, 64, 48, 0);
        Artwork a = store.save(result(png, 0));
        assertThat(a.file().getFileName().toString())
                .isEqualTo("2026-11-24_150405_a-whimsical-intricate-treehouse-nestled_243057879077961.png");
        assertThat(a.width()).isEqualTo(64);
        assertThat(a.height()).isEqualTo(48);
        byte[] written = Files.readAllBytes(a.file());
        Map<String, String> text = PngText.read(written);
        assertThat(WorkflowJson.sameJson(WorkflowJson.parse(text.get("prompt")), Fixtures.tutorialInput().get("workflow")))
                .as("ComfyUI's prompt chunk is the workflow as sent").isTrue();
        assertThat(text.get("workflow")).as("ui-basic is not the graph that was sent: no stale editor graph").isNull();
        assertThat(text.get("parameters")).startsWith("A whimsical, intricate treehouse nestled in the branches · 画像\n")
                .contains("Seed: 243057879077961");
        assertThat(text.get("easel")).contains("\"job_id\":\"job-1-e1\"").contains("\"execution_ms\":1500");
        // the image itself is untouched: same pixels
        assertThat(ImageIO.read(a.file().toFile()).getRGB(10, 10))
                .isEqualTo(ImageIO.read(new ByteArrayInputStream(png)).getRGB(10, 10));
        // and ComfyUI (or Easel) gets the workflow back from the file
        assertThat(WorkflowImporter.fromFile(a.file()).workflow().size()).isEqualTo(10);
        assertThat(store.newest(10)).singleElement().satisfies(x -> {
            assertThat(x.file()).isEqualTo(a.file());
            assertThat(x.seed()).isEqualTo(243057879077961L);
            assertThat(x.execution()).isEqualTo(Duration.ofMillis(1500));
            assertThat(x.runpodId()).isEqualTo("job-1-e1");
        });
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).as("no temporary file left behind").hasSize(1);
        }
    }

    @Test
    void aGraphWithNothingA1111KnowsGetsNoEmptyParametersChunk() throws Exception {
        Artwork a = store.save(new ResultToSave(0, "job-2", "Demo", new DemoRenderer().renderPng("x", 1, 4, 32, 32, 0),
                0, Fixtures.tutorialInput().get("workflow"), null, Map.of(), null, null, null, 0,
                Instant.parse("2026-11-24T15:04:05Z")));
        assertThat(PngText.read(Files.readAllBytes(a.file()))).containsKey("prompt")
                .doesNotContainKey("parameters");
    }

    @Test
    void picturesTakeTheUmasksPermissionsLikeComfyUIs() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault()
                .supportedFileAttributeViews().contains("posix"));
        Artwork a = store.save(result(new DemoRenderer().renderPng("x", 1, 4, 32, 32, 0), 0));
        Path probe = Files.createFile(dir.resolve("probe"));
        assertThat(Files.getPosixFilePermissions(a.file())).as("not 0600")
                .isEqualTo(Files.getPosixFilePermissions(probe));
    }

    @Test
    void sameNameNeverOverwrites() throws Exception {
        byte[] png = new DemoRenderer().renderPng("x", 1, 10, 32, 32, 0);
        Artwork first = store.save(result(png, 0));
        Artwork second = store.save(result(png, 0));
        Artwork third = store.save(result(png, 1));
        assertThat(second.file().getFileName().toString()).endsWith("_243057879077961-2.png");
        assertThat(third.file().getFileName().toString()).endsWith("_243057879077961_2.png");
        assertThat(Files.exists(first.file())).isTrue();
        assertThat(store.newest(10)).hasSize(3);
    }

    @Test
    void truncatedOrUnknownBytesAreRefusedAndNothingIsWritten() throws Exception {
        byte[] png = new DemoRenderer().renderPng("x", 1, 10, 32, 32, 0);
        assertThatThrownBy(() -> store.save(result(Arrays.copyOf(png, png.length - 20), 0)))
                .isInstanceOf(LibraryException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> store.save(result("<html>nope</html>".getBytes(), 0)))
                .hasMessageContaining("not an image");
        assertThat(Files.exists(dir.resolve("out")) ? Files.list(dir.resolve("out")).count() : 0).isZero();
        assertThat(store.newest(10)).isEmpty();
    }

    @Test
    void aJpegIsKeptAsReceived() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        Artwork a = store.save(result(out.toByteArray(), 0));
        assertThat(a.file().toString()).endsWith(".jpg");
        assertThat(Files.readAllBytes(a.file())).isEqualTo(out.toByteArray());
        assertThat(a.width()).isEqualTo(40);
    }

    @Test
    void promptsAreFoundByWordsAndPrefixesNewestFirst() throws Exception {
        String[] prompts = {"a lighthouse in a storm", "a quiet lighthouse at dawn", "a red fox in the snow"};
        for (int i = 0; i < prompts.length; i++) {
            Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
            p.put(Parameter.PROMPT, prompts[i]);
            p.put(Parameter.NEGATIVE_PROMPT, i == 2 ? "blurry" : "");
            store.save(new ResultToSave(0, "j" + i, "Demo", new DemoRenderer().renderPng("x", i, 5, 16, 16, 0), 0,
                    Fixtures.tutorialInput().get("workflow"), null, p, null, null, null, 0, when.plusSeconds(i)));
        }
        // the gallery's search: the library's query over the index the store wrote
        Library library = new Library(db, dir.resolve("out"), null, ZoneOffset.UTC);
        Function<String, List<String>> search = words -> {
            try {
                List<Tile> tiles = library.tiles(LibraryQuery.all().withText(words));
                var byId = library.prompts(tiles.stream().map(Tile::id).toList());
                return tiles.stream().map(t -> byId.get(t.id())).toList();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(search.apply("lighthouse"))
                .containsExactly("a quiet lighthouse at dawn", "a lighthouse in a storm");
        assertThat(search.apply("light sto")).containsExactly("a lighthouse in a storm");
        assertThat(search.apply("blurry")).containsExactly("a red fox in the snow");
        assertThat(search.apply("  ")).hasSize(3);
        assertThat(search.apply("\"unbalanced AND OR (")).as("FTS syntax is just text").isEmpty();
    }

    @Test
    void theSchemaMigratesOnceAndSurvivesReopening() throws Exception {
        store.save(result(new DemoRenderer().renderPng("x", 1, 10, 16, 16, 0), 0));
        db.close();
        db = it.closeAfter(Databases.open(dir.resolve("easel.db")));
        store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
        assertThat(store.newest(5)).hasSize(1);
        assertThat(db.version(LibrarySchema.SCHEMA)).isEqualTo(LibrarySchema.SCHEMA.version());
    }

    @Test
    void theEditorGraphIsWrittenWithTheValuesUsed() throws Exception {
        JsonNode ui = Fixtures.json("workflows/ui-basic.json");
        var api = UiConverter.convert(ui).workflow();
        var sent = ParameterBinder.bind(api).set(api, Parameter.SEED,
                WorkflowJson.MAPPER.getNodeFactory().numberNode(4242));
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.SEED, 4242L);
        Artwork a = store.save(new ResultToSave(0, "job-2", "Demo", new DemoRenderer().renderPng("x", 1, 5, 32, 32, 0),
                0, sent.toJson(), ui, p, null, null, null, 0, when));
        Map<String, String> text = PngText.read(Files.readAllBytes(a.file()));
        JsonNode workflow = WorkflowJson.parse(text.get("workflow"));
        assertThat(WorkflowJson.sameJson(UiConverter.convert(workflow).workflow().toJson(),
                sent.toJson())).as("ComfyUI loading the workflow chunk gets seed 4242").isTrue();
    }
}
