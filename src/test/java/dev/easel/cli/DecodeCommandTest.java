package dev.easel.cli;

import dev.easel.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int decode(String fixture) throws Exception {
        Path status = dir.resolve("status.json");
        Files.writeString(status, fixture.startsWith("{") || fixture.startsWith("\uFEFF") ? fixture
                : Fixtures.runpod(fixture));
        CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute("decode", status.toString(), "--out", dir.resolve("images").toString());
    }

    private byte[] written(String name) throws Exception {
        return Files.readAllBytes(dir.resolve("images").resolve(name));
    }

    @Test
    void everyImageOfA5xAnswerIsWrittenAsReceived() throws Exception {
        assertThat(decode("status-completed-base64")).isZero();
        assertThat(written("ComfyUI_00001_.png")).isEqualTo(Fixtures.bytes("tiny-64x64.png"));
        assertThat(Files.list(dir.resolve("images"))).hasSize(2);
        assertThat(out.toString().lines()).hasSize(2);
    }

    @Test
    void legacyMessagesRawOrDataUri() throws Exception {
        assertThat(decode("status-completed-legacy-message")).isZero();
        assertThat(decode("status-completed-legacy-data-uri")).isZero();
        assertThat(written("image.png")).isEqualTo(Fixtures.bytes("tiny-64x64.png"));
        assertThat(written("image-2.png")).as("never overwrites").isEqualTo(Fixtures.bytes("tiny-64x64.png"));
    }

    @Test
    void failuresSayWhyAndExitTwo() throws Exception {
        assertThat(decode("status-failed-validation")).isEqualTo(2);
        assertThat(err.toString()).contains("did not produce images").contains("ckpt_name").contains("Available checkpoint");
        assertThat(decode("status-completed-missing-output")).isEqualTo(2);
        assertThat(err.toString()).contains("too large");
        assertThat(decode("status-completed-legacy-error")).isEqualTo(2);
        assertThat(decode("status-failed-exception")).isEqualTo(2);
        assertThat(err.toString()).contains("KeyError");
        assertThat(decode("status-in-progress")).isEqualTo(2);
        assertThat(err.toString()).contains("IN_PROGRESS, not COMPLETED");
        assertThat(decode("status-completed-no-images")).isEqualTo(2);
        assertThat(decode("{\"id\": \"x\", \"stat")).isEqualTo(2);
        assertThat(err.toString()).contains("Not valid JSON").doesNotContain("Exception");
        assertThat(decode("{\"error\": \"request does not exist\"}")).isEqualTo(2);
        assertThat(err.toString()).contains("not a Runpod status answer");
    }

    @Test
    void severalAnswersAtOnceTheWorstExitCodeWins() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, Fixtures.runpod("status-completed-base64"));
        Files.writeString(b, Fixtures.runpod("status-failed-validation"));
        CommandLine cli = new CommandLine(new EaselCommand(f -> 0));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("decode", a.toString(), b.toString(), "--out", dir.resolve("images").toString()))
                .isEqualTo(2);
        assertThat(Files.list(dir.resolve("images"))).hasSize(2);
        assertThat(err.toString()).contains("did not produce images");
    }

    @Test
    void aServerFilenameIsNeverAPath() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(Fixtures.bytes("tiny-64x64.png"));
        assertThat(decode("{\"id\":\"x\",\"status\":\"COMPLETED\",\"output\":{\"images\":[{\"filename\":"
                + "\"../../evil.png\",\"type\":\"base64\",\"data\":\"" + b64 + "\"}]}}")).isZero();
        assertThat(dir.resolve("images/evil.png")).exists();
        assertThat(dir.resolve("evil.png")).doesNotExist();
    }

    @Test
    void damagedAnswersAreSaidImageByImageAndNothingPartialIsWritten() throws Exception {
        byte[] png = Fixtures.bytes("tiny-64x64.png");
        String whole = Base64.getEncoder().encodeToString(png);
        String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(png, png.length / 2));
        String longName = "a".repeat(400) + ".png";
        assertThat(decode("\uFEFF{\"id\":\"x\",\"status\":\"COMPLETED\",\"output\":{\"images\":["
                + "{\"filename\":\"" + longName + "\",\"type\":\"base64\",\"data\":\"" + whole + "\"},"
                + "{\"filename\":\"cut.png\",\"type\":\"base64\",\"data\":\"" + cut + "\"},"
                + "{\"filename\":\"link.png\",\"type\":\"s3_url\",\"data\":\"https://exa mple.com/x.png\"},"
                + "{\"filename\":\"link2.png\",\"type\":\"s3_url\",\"data\":\"https://[::1/x.png\"}]}}"))
                .as("not every image could be written").isEqualTo(2);
        try (var files = Files.list(dir.resolve("images"))) {
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f.getFileName().toString()).hasSize(120).endsWith(".png");
                assertThat(Files.readAllBytes(f)).isEqualTo(png);
            });
        }
        assertThat(err.toString()).contains("cut.png is cut short").contains("link.png: ").contains("link2.png")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
