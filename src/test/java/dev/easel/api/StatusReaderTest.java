package dev.easel.api;

import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusReaderTest {

    @TempDir
    Path dir;

    private Path spill() throws Exception {
        return Files.createDirectories(dir.resolve("spill"));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private Path answer(String images) throws Exception {
        Path f = dir.resolve("answer.json");
        Files.writeString(f, "{\"id\":\"j1\",\"status\":\"COMPLETED\",\"delayTime\":12,\"executionTime\":3400,"
                + "\"output\":{\"images\":[" + images + "],\"errors\":[\"a warning\"]}}", StandardCharsets.UTF_8);
        return f;
    }

    private static String image(String name, String data) {
        return "{\"filename\":\"" + name + "\",\"type\":\"base64\",\"data\":\"" + data + "\"}";
    }

    private List<Path> left() throws Exception {
        try (var s = Files.list(spill())) {
            return s.toList();
        }
    }

    @Test
    void everyImageIsDecodedIntoItsOwnFileAndTheRestReadsAsUsual() throws Exception {
        byte[] a = random(300_001, 1);
        byte[] b = random(5, 2);
        Path f = answer(image("a.png", Base64.getEncoder().encodeToString(a)) + ","
                + image("b.png", Base64.getEncoder().encodeToString(b)));
        StatusResponse s = StatusReader.read(f, spill());
        assertThat(s.id()).isEqualTo("j1");
        assertThat(s.executionTime()).hasMillis(3400);
        JobOutput.Images images = s.images().orElseThrow();
        assertThat(images.errors().stream().map(Messages::get)).containsExactly("a warning");
        assertThat(images.images()).extracting(OutputImage::filename).containsExactly("a.png", "b.png");
        assertThat(images.images().get(0).decode()).isEqualTo(a);
        assertThat(images.images().get(1).decode()).isEqualTo(b);
        assertThat(images.images().get(0).decodedSize()).isEqualTo(300_001);
        assertThat(left()).hasSize(2);
        s.discard();
        s.discard();
        assertThat(left()).isEmpty();
    }

    @Test
    void unpaddedAndLineWrappedBase64AreReadAsJavasDecoderReadsThem() throws Exception {
        byte[] a = random(1000, 3);
        String wrapped = Base64.getMimeEncoder().encodeToString(a).replace("\r\n", "\\n");
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(random(1001, 4));
        StatusResponse s = StatusReader.read(answer(image("a.png", wrapped) + "," + image("b.png", unpadded)), spill());
        List<OutputImage> images = s.images().orElseThrow().images();
        assertThat(images.get(0).decode()).isEqualTo(a);
        assertThat(images.get(1).decode()).isEqualTo(random(1001, 4));
        s.discard();
    }

    @Test
    void aLinkOrADataUriOrDamagedDataFallsBackToTheOrdinaryReadAndLeavesNoFiles() throws Exception {
        String good = Base64.getEncoder().encodeToString(random(100, 5));
        StatusResponse s = StatusReader.read(answer(image("a.png", good) + ","
                + "{\"filename\":\"b.png\",\"type\":\"s3_url\",\"data\":\"https://bucket.example/b.png\"},"
                + image("c.png", "data:image/png;base64," + good) + "," + image("d.png", "not*base64")), spill());
        List<OutputImage> images = s.images().orElseThrow().images();
        assertThat(left()).as("the first image's file is dropped with the fallback").isEmpty();
        assertThat(images.get(0).decode()).isEqualTo(random(100, 5));
        assertThat(images.get(1).transport()).isEqualTo(OutputImage.Transport.URL);
        assertThat(images.get(2).decode()).isEqualTo(random(100, 5));
        assertThatThrownBy(() -> images.get(3).decode()).isInstanceOf(RunpodException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aCutAnswerFailsAndLeavesNoFiles() throws Exception {
        Path f = dir.resolve("cut.json");
        Files.writeString(f, "{\"id\":\"j\",\"status\":\"COMPLETED\",\"output\":{\"images\":["
                + image("a.png", "QUJD") + ",{\"data\":\"QUJDQUJD");
        assertThatThrownBy(() -> StatusReader.read(f, spill())).isInstanceOf(IOException.class);
        assertThat(left()).isEmpty();
    }

    @Test
    void aRepeatedDataKeyKeepsTheLastAndDropsTheFirstFile() throws Exception {
        Path f = dir.resolve("twice.json");
        Files.writeString(f, "{\"id\":\"j\",\"status\":\"COMPLETED\",\"output\":{\"images\":[{\"data\":\"QUJD\","
                + "\"data\":\"REVG\"}]}}");
        StatusResponse s = StatusReader.read(f, spill());
        assertThat(s.images().orElseThrow().images().getFirst().decode()).isEqualTo("DEF".getBytes());
        assertThat(left()).hasSize(1);
        s.discard();
    }

    @Test
    void dataElsewhereInTheAnswerStaysText() throws Exception {
        Path f = dir.resolve("other.json");
        Files.writeString(f, "{\"id\":\"j\",\"status\":\"IN_PROGRESS\",\"data\":\"QUJD\",\"output\":{\"data\":\"QUJD\"}}");
        StatusResponse s = StatusReader.read(f, spill());
        assertThat(s.raw().path("data").asText()).isEqualTo("QUJD");
        assertThat(s.raw().path("output").path("data").asText()).isEqualTo("QUJD");
        assertThat(left()).isEmpty();
    }
}
