package dev.easel.library;

import dev.easel.testing.TestStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.easel.io.Database;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoRenderer;
import dev.easel.testing.Fixtures;
import dev.easel.workflow.ExifText;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.PngText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportImportIT {

    @RegisterExtension
    final TestStore it = new TestStore();
    private Path dir;
    private Database db;
    private ResultStore store;
    private final Instant when = Instant.parse("2026-11-20T10:00:00Z");

    @BeforeEach
    void open() {
        dir = it.dir();
        db = it.db();
        store = new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC);
    }

    private Artwork save(String prompt, long seed) throws Exception {
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.PROMPT, prompt);
        p.put(Parameter.NEGATIVE_PROMPT, "blurry");
        p.put(Parameter.SEED, seed);
        p.put(Parameter.STEPS, 12);
        p.put(Parameter.WIDTH, 64);
        p.put(Parameter.HEIGHT, 48);
        return store.save(new ResultToSave(0, "job-" + seed, "Demo", new DemoRenderer().renderPng(prompt, seed, 5,
                64, 48, 0), 0, Fixtures.tutorialInput().get("workflow"), Fixtures.json("workflows/ui-basic.json"), p,
                "flux1-dev-fp8", Duration.ofMillis(300), Duration.ofMillis(1200), 0.002, when));
    }

    @Test
    void pngExportKeepsEveryByteAndNeverOverwrites() throws Exception {
        Artwork a = save("a lighthouse in the storm", 7);
        Path out = dir.resolve("export");
        var o = new Exporter.Options(out, Exporter.Format.PNG, "{date}_{prompt}_{seed}", false, 0);
        Exporter.Report r = new Exporter(ZoneOffset.UTC).export(List.of(a), o);
        assertThat(r.problems()).isEmpty();
        assertThat(r.written()).singleElement().satisfies(p ->
                assertThat(p.getFileName().toString()).isEqualTo("2026-11-20_a-lighthouse-in-the-storm_7.png"));
        assertThat(Files.readAllBytes(r.written().getFirst())).isEqualTo(Files.readAllBytes(a.file()));
        Exporter.Report again = new Exporter(ZoneOffset.UTC).export(List.of(a), o);
        assertThat(again.written().getFirst().getFileName().toString())
                .isEqualTo("2026-11-20_a-lighthouse-in-the-storm_7-2.png");
    }

    @Test
    void jpegExportCarriesTheParametersInExifUserComment() throws Exception {
        Artwork a = save("a fox, in snow: at dawn · 雪", 8);
        Path out = dir.resolve("export");
        Exporter.Report r = new Exporter(ZoneOffset.UTC).export(List.of(a),
                new Exporter.Options(out, Exporter.Format.JPEG, "{n}-{seed}", true, 0.9f));
        assertThat(r.problems()).isEmpty();
        Path jpg = r.written().getFirst();
        assertThat(jpg.getFileName().toString()).isEqualTo("001-8.jpg");
        byte[] bytes = Files.readAllBytes(jpg);
        var img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(48);
        String expected = PngText.read(Files.readAllBytes(a.file())).get("parameters");
        assertThat(Optional.ofNullable(ExifText.read(bytes).get("parameters"))).contains(expected);
        assertThat(expected).startsWith("a fox, in snow: at dawn · 雪\nNegative prompt: blurry\nSteps: 12");
        // the sidecar: what made it, never a key
        String json = Files.readString(out.resolve("001-8.json"));
        assertThat(json).contains("\"prompt\" : \"a fox, in snow: at dawn · 雪\"").contains("\"seed\" : 8")
                .contains("\"comfyui_prompt\"").contains("\"job_id\" : \"job-8\"")
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("api_key");
    }

    @Test
    void webpExportIsLossyAtTheQualityAskedSmallerThanJpegWithTheParametersInExif() throws Exception {
        Artwork a = save("a koi pond at dusk", 10);
        var exporter = new Exporter(ZoneOffset.UTC);
        Path webp = exporter.export(List.of(a), new Exporter.Options(dir.resolve("lossy"), Exporter.Format.WEBP,
                "{seed}", false, 0.9f)).written().getFirst();
        Path small = exporter.export(List.of(a), new Exporter.Options(dir.resolve("small"), Exporter.Format.WEBP,
                "{seed}", false, 0.3f)).written().getFirst();
        Path jpeg = exporter.export(List.of(a), new Exporter.Options(dir.resolve("jpeg"), Exporter.Format.JPEG,
                "{seed}", false, 0.9f)).written().getFirst();
        byte[] bytes = Files.readAllBytes(webp);
        assertThat(new String(bytes, 12, 4, StandardCharsets.US_ASCII)).as("extended: EXIF")
                .isEqualTo("VP8X");
        var back = ImageIO.read(new ByteArrayInputStream(bytes));
        var original = ImageIO.read(a.file().toFile());
        assertThat(back.getWidth()).isEqualTo(original.getWidth());
        int o = original.getRGB(10, 10);
        int b = back.getRGB(10, 10);
        assertThat(Math.abs((o >> 16 & 0xff) - (b >> 16 & 0xff))).as("close, not exact").isLessThan(40);
        assertThat(Files.size(small)).as("a lower quality is smaller").isLessThan(Files.size(webp));
        assertThat(Files.size(webp)).as("smaller than a JPEG of the same quality").isLessThan(Files.size(jpeg));
        assertThat(ExifText.read(bytes).get("parameters")).contains("Seed: 10");
    }

    @Test
    void webpLosslessExportIsExactWithTheParametersInExif() throws Exception {
        Artwork a = save("a koi pond", 9);
        Exporter.Report r = new Exporter(ZoneOffset.UTC).export(List.of(a),
                new Exporter.Options(dir.resolve("webp"), Exporter.Format.WEBP_LOSSLESS, "{seed}", false, 0));
        assertThat(r.problems()).isEmpty();
        Path webp = r.written().getFirst();
        assertThat(webp.getFileName().toString()).isEqualTo("9.webp");
        byte[] bytes = Files.readAllBytes(webp);
        var back = ImageIO.read(new ByteArrayInputStream(bytes)); // TwelveMonkeys' reader, on the test class path
        var original = ImageIO.read(a.file().toFile());
        assertThat(back.getRGB(0, 0, 64, 48, null, 0, 64)).isEqualTo(original.getRGB(0, 0, 64, 48, null, 0, 64));
        String expected = PngText.read(Files.readAllBytes(a.file())).get("parameters");
        assertThat(Optional.ofNullable(ExifText.read(bytes).get("parameters"))).contains(expected);
        // and dropped back on Easel, its parameters are read
        assertThat(ImageSettings.read(webp)).isInstanceOfSatisfying(ImageSettings.Values.class,
                v -> assertThat(v.values()).containsEntry(Parameter.SEED, 9L).containsEntry(Parameter.STEPS, 12L));
    }

    @Test
    void exifUserCommentIsWhatPiexifWrites() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 'J', 'F', (byte) 0xFF, (byte) 0xD9};
        byte[] with = JpegExif.withUserComment(jpeg, "Hi");
        // SOI, APP1 length 2+6+44+8+4, "Exif\0\0", "MM\0*", ..., "UNICODE\0", UTF-16BE "Hi"; the JFIF APP0 dropped
        assertThat(with.length).isEqualTo(2 + 2 + 2 + 6 + 44 + 8 + 4 + 2);
        assertThat(new String(with, 6, 10, StandardCharsets.ISO_8859_1)).isEqualTo("Exif\0\0MM\0*");
        assertThat(new String(with, 6 + 6 + 44, 8, StandardCharsets.ISO_8859_1)).isEqualTo("UNICODE\0");
        assertThat(Arrays.copyOfRange(with, 64, 68)).containsExactly(0, 'H', 0, 'i');
        assertThat(with[with.length - 1]).isEqualTo((byte) 0xD9);
        assertThat(Optional.ofNullable(ExifText.read(with).get("parameters"))).contains("Hi");
        assertThatThrownBy(() -> JpegExif.withUserComment(new byte[] {1, 2, 3, 4}, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingFileIsReportedAndTheOthersStillGo() throws Exception {
        Artwork a = save("one", 1);
        Artwork b = save("two", 2);
        Files.delete(a.file());
        Exporter.Report r = new Exporter(ZoneOffset.UTC).export(List.of(a, b),
                new Exporter.Options(dir.resolve("x"), Exporter.Format.PNG, null, false, 0));
        assertThat(r.written()).hasSize(1);
        assertThat(r.problems()).singleElement().asString().contains("missing from disk");
        assertThatThrownBy(() -> Exporter.checkPattern("{date}_{colour}")).hasMessageContaining("{colour}");
        assertThat(new Exporter(ZoneOffset.UTC).name(b, "../{prompt}/:x", 1)).isEqualTo("_two__x");
    }

    @Test
    void aSavedStatusAnswerGoesIntoTheLibraryOnce() throws Exception {
        Path answer = dir.resolve("comfyui_output.json");
        Files.writeString(answer, Fixtures.runpod("status-completed-base64"));
        try (var client = new OkHttpRunpodClient(RunpodConfig.of(URI.create("http://127.0.0.1:9"), "x", null))) {
            StatusImport importer = new StatusImport(store, client, Clock.fixed(when, ZoneOffset.UTC));
            StatusImport.Imported first = importer.importAnswer(answer);
            assertThat(first.added()).isNotEmpty();
            assertThat(first.added().getFirst().endpoint()).isEqualTo("Imported");
            assertThat(Files.exists(first.added().getFirst().file())).isTrue();
            StatusImport.Imported second = importer.importAnswer(answer);
            assertThat(second.added()).isEmpty();
            assertThat(first.added()).hasSize(1); // the fixture holds one image twice (two SaveImage nodes)
            assertThat(second.alreadyThere()).isEqualTo(2);
            Files.writeString(answer, Fixtures.runpod("status-failed-validation"));
            assertThatThrownBy(() -> importer.importAnswer(answer)).isInstanceOf(LibraryException.class)
                    .hasMessageContaining("did not produce images");
            Files.writeString(answer, "{\"nodes\": []}");
            assertThatThrownBy(() -> importer.importAnswer(answer)).hasMessageContaining("not a Runpod status answer");
        }
    }

    @Test
    void savingReplacesTextChunksOfTheSameKeyword() throws Exception {
        byte[] comfy = PngChunks.withText(new DemoRenderer().renderPng("x", 1, 5, 16, 16, 0),
                Map.of("prompt", "{\"old\":1}", "workflow", "{\"nodes\":[]}", "other", "kept"));
        byte[] ours = PngChunks.withText(comfy, Map.of("prompt", "{\"new\":2}"));
        Map<String, String> text = PngText.read(ours);
        assertThat(text).containsEntry("prompt", "{\"new\":2}").containsEntry("other", "kept")
                .containsKey("workflow");
        assertThat(new String(ours, StandardCharsets.ISO_8859_1)).doesNotContain("\"old\"");
        assertThat(ImageIO.read(new ByteArrayInputStream(ours)).getWidth()).isEqualTo(16);
    }
}
