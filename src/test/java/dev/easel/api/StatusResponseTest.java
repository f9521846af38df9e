package dev.easel.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import dev.easel.workflow.ImageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusResponseTest {

    private static StatusResponse parse(String fixture) {
        JsonNode body = Fixtures.json("runpod/" + fixture + ".json");
        return StatusResponse.parse(body);
    }

    @Test
    void completedBase64HasTwoDecodablePngsAndTimings() {
        StatusResponse s = parse("status-completed-base64");
        assertThat(s.state()).isEqualTo(JobState.COMPLETED);
        assertThat(s.delayTime()).isEqualTo(Duration.ofMillis(2188));
        assertThat(s.executionTime()).isEqualTo(Duration.ofMillis(12297));
        assertThat(s.workerId()).isEqualTo("1awbdsmhschpqw");
        assertThat(s.failure()).isEmpty();
        JobOutput.Images images = s.images().orElseThrow();
        assertThat(images.images()).hasSize(2);
        assertThat(images.errors()).isEmpty();
        byte[] png = images.images().getFirst().decode();
        assertThat(ImageType.detect(png)).isEqualTo(ImageType.PNG);
        assertThat(png).isEqualTo(Fixtures.bytes("tiny-64x64.png"));
        assertThat(images.images().getFirst().filename()).isEqualTo("ComfyUI_00001_.png");
    }

    @Test
    void s3UrlWithNonFatalErrors() {
        StatusResponse s = parse("status-completed-s3-with-errors");
        JobOutput.Images images = s.images().orElseThrow();
        OutputImage img = images.images().getFirst();
        assertThat(img.transport()).isEqualTo(OutputImage.Transport.URL);
        assertThat(img.url().getHost()).isEqualTo("bucket.example.invalid");
        assertThat(images.errors().stream().map(Messages::get)).containsExactly(
                "Failed to fetch image data for ComfyUI_00003_.png from /view endpoint.");
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void successWithoutImagesIsNotAFailure() {
        StatusResponse s = parse("status-completed-no-images");
        assertThat(s.output()).isInstanceOf(JobOutput.NoImages.class);
        assertThat(s.images()).isEmpty();
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void completedWithoutOutputIsAResultTooLargeFailure() {
        StatusResponse s = parse("status-completed-missing-output");
        assertThat(s.state()).isEqualTo(JobState.COMPLETED);
        assertThat(s.output()).isInstanceOf(JobOutput.None.class);
        assertThat(s.failure()).get().extracting(JobError::summary).asString()
                .contains("too large").contains("S3");
    }

    @Test
    void legacyRawBase64Message() {
        StatusResponse s = parse("status-completed-legacy-message");
        OutputImage img = s.images().orElseThrow().images().getFirst();
        assertThat(img.transport()).isEqualTo(OutputImage.Transport.BASE64);
        assertThat(img.decode()).isEqualTo(Fixtures.bytes("tiny-64x64.png"));
        assertThat(s.id()).startsWith("sync-");
    }

    @Test
    void legacyDataUriMessage() {
        StatusResponse s = parse("status-completed-legacy-data-uri");
        assertThat(s.images().orElseThrow().images().getFirst().decode()).isEqualTo(Fixtures.bytes("tiny-64x64.png"));
    }

    @Test
    void legacyErrorInsideCompletedIsAFailureWithDetails() {
        StatusResponse s = parse("status-completed-legacy-error");
        assertThat(s.output()).isInstanceOf(JobOutput.LegacyError.class);
        JobError e = s.failure().orElseThrow();
        assertThat(Messages.get(e.summary())).isEqualTo(
                "Failed to upload one or more input images: Error decoding base64 for image input_image_1.png");
        assertThat(e.detail()).contains("input_image_1.png");
    }

    @Test
    void failedValidationSummarisesTheNodeProblemAndKeepsTheFullText() {
        StatusResponse s = parse("status-failed-validation");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        JobError e = s.failure().orElseThrow();
        assertThat(Messages.get(e.summary())).isEqualTo("This endpoint has no flux1-dev.safetensors; it has: "
                + "flux1-dev-fp8.safetensors. Choose a template for a model it has, or add the model to the endpoint.");
        assertThat(e.detail()).startsWith("Workflow validation failed:\n")
                .contains("Available checkpoint models: flux1-dev-fp8.safetensors");
    }

    @Test
    void failedWithJsonStringErrorShowsTypeAndMessage() {
        JobError e = parse("status-failed-exception").failure().orElseThrow();
        assertThat(Messages.get(e.summary())).isEqualTo("The worker crashed: KeyError: 'input'");
        assertThat(e.detail()).contains("Traceback (most recent call last)").contains("handler.py");
    }

    @Test
    void progressPayloadDuringInProgress() {
        StatusResponse s = parse("status-in-progress-with-progress");
        assertThat(s.state()).isEqualTo(JobState.IN_PROGRESS);
        JobOutput.Progress p = s.progress().orElseThrow();
        assertThat(p.value()).isEqualTo(12);
        assertThat(p.max()).isEqualTo(25);
        assertThat(p.percent()).isEqualTo(48.0);
        assertThat(p.node()).isEqualTo("31");
        assertThat(s.failure()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"status-in-queue,IN_QUEUE", "status-in-progress,IN_PROGRESS", "status-cancelled,CANCELLED",
            "status-timed-out,TIMED_OUT"})
    void otherStates(String fixture, JobState expected) {
        StatusResponse s = parse(fixture);
        assertThat(s.state()).isEqualTo(expected);
        assertThat(s.output()).isInstanceOf(JobOutput.None.class);
        assertThat(s.failure().isPresent()).isEqualTo(expected == JobState.TIMED_OUT);
    }

    @Test
    void inProgressWithoutProgressHasDelayButNoExecutionTime() {
        StatusResponse s = parse("status-in-progress");
        assertThat(s.delayTime()).isEqualTo(Duration.ofMillis(2188));
        assertThat(s.executionTime()).isNull();
        assertThat(s.progress()).isEmpty();
    }

    @Test
    void statesAreReadTolerantly() {
        assertThat(JobState.parse("RUNNING")).isEqualTo(JobState.IN_PROGRESS);
        assertThat(JobState.parse("in_progress")).isEqualTo(JobState.IN_PROGRESS);
        assertThat(JobState.parse("SOMETHING_NEW")).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.parse(null)).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.UNKNOWN.isTerminal()).isFalse();
        assertThat(JobState.TIMED_OUT.isTerminal()).isTrue();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        JsonNode body = Fixtures.JSON.readTree("""
                {"id":"x","status":"COMPLETED","retries":2,"input":{"a":1},"newField":[1,2],
                 "output":{"images":[{"filename":"a.png","type":"base64","data":"iVBORw0KGgo="}],"extra":true}}""");
        StatusResponse s = StatusResponse.parse(body);
        assertThat(s.images().orElseThrow().images()).hasSize(1);
    }

    @Test
    void damagedBase64IsAClearError() {
        OutputImage img = new OutputImage("x.png", "base64", "not*base64!");
        assertThatThrownBy(img::decode).isInstanceOf(RunpodException.class)
                .hasMessageContaining("damaged");
    }

    @ParameterizedTest
    @CsvSource({"../../x.png,x.png", "..\\..\\evil.png,evil.png", "/etc/passwd,passwd", ".hidden.png,hidden.png",
            "'',image.png", "ComfyUI_00001_.png,ComfyUI_00001_.png", "a:b?.png,a_b_.png"})
    void serverFilenamesAreNeverPaths(String given, String safe) {
        assertThat(new OutputImage(given, "base64", "").safeFilename()).isEqualTo(safe);
    }

    @Test
    void healthReadsEveryCounter() {
        HealthResponse h = HealthResponse.parse(Fixtures.json("runpod/health.json"));
        assertThat(h.inQueue()).isEqualTo(2);
        assertThat(h.inProgress()).isEqualTo(1);
        assertThat(h.idleWorkers()).isZero();
        assertThat(h.worker("initializing")).isEqualTo(1);
        assertThat(h.worker("throttled")).isZero();
        assertThat(h.worker("notThere")).isZero();
    }

    @Test
    void imageTypesByMagicBytes() {
        assertThat(ImageType.detect(Fixtures.bytes("tiny-64x64.png"))).isEqualTo(ImageType.PNG);
        assertThat(ImageType.detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0})).isEqualTo(ImageType.JPEG);
        assertThat(ImageType.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes())).isEqualTo(ImageType.WEBP);
        assertThat(ImageType.detect("<html>".getBytes())).isEqualTo(ImageType.UNKNOWN);
    }
}
