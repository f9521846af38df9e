package dev.easel.jobs;

import dev.easel.api.JobError;
import dev.easel.api.RunPolicy;
import dev.easel.api.StatusResponse;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import dev.easel.workflow.TemplateLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing model's failure names the template to choose, from what the endpoint says it has. */
class ModelAdviceTest {

    @TempDir
    Path dir;

    private String advise(JobError error) {
        TemplateLibrary lib = new TemplateLibrary(dir.resolve("templates"));
        JobSpec spec = new JobSpec(Fixtures.tutorialInput(), null, Map.of(), "flux1-dev-fp8", RunPolicy.DEFAULT);
        return Messages.get(new ModelAdvice(lib::all).apply(spec, error));
    }

    private static JobError missing(String input, String file, String list, String available) {
        return JobError.fromFailure("Workflow validation failed:\n• Node 30 (errors): [{'type': 'value_not_in_list', "
                + "'message': 'Value not in list', 'details': \"" + input + ": '" + file + "' not in " + list + "\"}]\n"
                + "• Node 30 (class_type): CheckpointLoaderSimple" + (available == null ? "" : "\n\n" + available));
    }

    @Test
    void anEndpointWithoutCheckpointsIsToldOfTheTemplatesThatLoadModelsAsFilesHubDefaultFirst() {
        // recorded from the real worker: the tutorial's graph on an image without checkpoints
        JobError real = StatusResponse.parse(Fixtures.json("real-worker/flux_tutorial.json")).failure().orElseThrow();

        assertThat(advise(real)).isEqualTo("This endpoint has no flux1-dev-fp8.safetensors; it has no models of that "
                + "kind (ckpt_name). Its image loads its model another way than by checkpoint: choose the template "
                + "made for it: FLUX.2 klein 9B, FLUX.1-dev, FLUX.1-schnell or Z-Image-Turbo (FLUX.2 klein is "
                + "worker-comfyui's next Hub default); or add the model to the endpoint.");
    }

    @Test
    void theTemplateWhoseCheckpointTheEndpointHasIsNamed() {
        JobError e = missing("ckpt_name", "flux1-dev-fp8.safetensors", "['sd_xl_base_1.0.safetensors']",
                "Available checkpoint models: sd_xl_base_1.0.safetensors");

        assertThat(advise(e)).isEqualTo("This endpoint has no flux1-dev-fp8.safetensors; it has: "
                + "sd_xl_base_1.0.safetensors. Choose the SDXL template: it loads sd_xl_base_1.0.safetensors, which "
                + "this endpoint has; or add the model to the endpoint.");
    }

    @Test
    void aDiffusionModelListLeadsToItsTemplateToo() {
        JobError e = missing("unet_name", "flux1-dev.safetensors", "['z_image_turbo_bf16.safetensors']", null);

        assertThat(advise(e)).contains("Choose the Z-Image-Turbo template: it loads z_image_turbo_bf16.safetensors");
    }

    @Test
    void whatCantBeMatchedKeepsTheWorkersSentence() {
        JobError unknownFiles = missing("ckpt_name", "flux1-dev-fp8.safetensors", "['my-merge.safetensors']",
                "Available checkpoint models: my-merge.safetensors");
        JobError counted = missing("unet_name", "flux1-dev.safetensors", "(list of length 40)", null);
        JobError other = JobError.fromFailure("Workflow validation failed:\n• Node 1 (errors): [{'type': "
                + "'value_smaller_than_min', 'message': 'Value 0 smaller than min of 1', 'details': 'width'}]\n"
                + "• Node 1 (class_type): EmptyImage");

        assertThat(advise(unknownFiles)).isEqualTo(Messages.get(unknownFiles.summary()))
                .endsWith(Messages.get("api.worker.chooseTemplate"));
        assertThat(advise(counted)).isEqualTo(Messages.get(counted.summary()));
        assertThat(advise(other)).isEqualTo("Value 0 smaller than min of 1 — node 1 EmptyImage, width");
    }
}
