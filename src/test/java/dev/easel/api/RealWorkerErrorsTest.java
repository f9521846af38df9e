package dev.easel.api;

import dev.easel.settings.Settings;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real worker-comfyui 5.8.5 + ComfyUI's failures (recorded, see real-worker/README.md), said in its words. */
class RealWorkerErrorsTest {

    private static JobError failure(String name) {
        return StatusResponse.parse(Fixtures.json("real-worker/" + name + ".json")).failure().orElseThrow();
    }

    @Test
    void aValueOutOfRangeIsComfyUIsMessageWithItsNodeAndInput() {
        assertThat(Messages.get(failure("bad_value").summary()))
                .isEqualTo("Value 0 smaller than min of 1 — node 1 EmptyImage, width");
    }

    @Test
    void aMissingModelSaysWhatTheEndpointHasAndWhatToDo() {
        assertThat(Messages.get(failure("flux_tutorial").summary())).isEqualTo("This endpoint has no flux1-dev-fp8.safetensors; "
                + "it has no models of that kind (ckpt_name). Choose a template for a model it has, or add the model "
                + "to the endpoint.");
        JobError withModels = JobError.fromFailure("Workflow validation failed:\n• Node 30 (errors): [{'type': "
                + "'value_not_in_list', 'message': 'Value not in list', 'details': \"ckpt_name: 'flux1-dev.safetensors'"
                + " not in ['sdxl.safetensors', 'sd3.safetensors']\"}]\n• Node 30 (class_type): CheckpointLoaderSimple"
                + "\n\nAvailable checkpoint models: sdxl.safetensors, sd3.safetensors");
        assertThat(Messages.get(withModels.summary())).startsWith("This endpoint has no flux1-dev.safetensors; it has: "
                + "sdxl.safetensors, sd3.safetensors.");
        assertThat(withModels.detail()).contains("Available checkpoint models");
    }

    @Test
    void everyRecordedFailureGivesASentenceAndKeepsTheWholeText() {
        for (String name : new String[] {"bad_value", "flux_badckpt", "flux_badlink", "flux_badsampler", "flux_noseed",
            "flux_steps0", "unknown_node", "no_workflow", "runtime_error", "flux_tutorial"}) {
            StatusResponse s = StatusResponse.parse(Fixtures.json("real-worker/" + name + ".json"));
            JobError e = s.failure().orElseThrow();
            assertThat(Messages.get(e.summary())).as(name).isNotBlank().doesNotContain("\n").doesNotStartWith("•");
            assertThat(e.detail()).as(name).isEqualTo(s.error());
        }
    }

    @Test
    void anExecutionErrorSaysTheWorkersDetailsNotJobProcessingFailed() {
        StatusResponse s = StatusResponse.parse(Fixtures.JSON.createObjectNode().put("id", "j").put("status", "FAILED")
                .put("error", "Job processing failed").set("output", Fixtures.JSON.createObjectNode().set("details",
                        Fixtures.JSON.createArrayNode().add("Workflow execution error: Node Type: SaveImage, Node ID: 2, "
                                + "Message: **** ERROR: Saving image outside the output folder is not allowed."))));
        JobError e = s.failure().orElseThrow();
        assertThat(Messages.get(e.summary())).startsWith("Workflow execution error: Node Type: SaveImage, Node ID: 2");
        assertThat(e.detail()).contains("Job processing failed").contains("outside the output folder");
        // the recorded answer (the local test server dropped output): the plain error still shows
        assertThat(Messages.get(failure("runtime_error").summary())).isEqualTo("Job processing failed");
    }

    @Test
    void theCheckpointsAnEndpointHasAreReadFromItsFailure() {
        assertThat(JobError.availableCheckpoints(failure("flux_tutorial").detail())).hasValue(List.of());
        assertThat(JobError.availableCheckpoints("Workflow validation failed: …\n\nAvailable checkpoint models: "
                + "sdxl.safetensors, sd3.safetensors")).hasValue(List.of("sdxl.safetensors", "sd3.safetensors"));
        assertThat(JobError.availableCheckpoints(failure("bad_value").detail())).isEmpty();
        var settings = Settings.defaults().withProfileModels("demo", List.of("x.safetensors"));
        assertThat(settings.activeProfile().models()).containsExactly("x.safetensors");
    }
}
