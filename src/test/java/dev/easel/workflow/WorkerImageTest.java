package dev.easel.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerImageTest {

    @Test
    void recognisesEveryVariantWithRegistryOrDigestAndNothingElse() {
        assertThat(WorkerImage.recognise("runpod/worker-comfyui:5.8.5-flux1-dev-fp8")).map(WorkerImage::templateId)
                .contains("flux1-dev-fp8");
        assertThat(WorkerImage.recognise("docker.io/runpod/worker-comfyui:5.7.1-sdxl")).map(WorkerImage::variant)
                .contains("sdxl");
        assertThat(WorkerImage.recognise("runpod/worker-comfyui:v5.1.0-flux1-dev@sha256:abc")).map(WorkerImage::variant)
                .contains("flux1-dev");
        assertThat(WorkerImage.recognise("RUNPOD/WORKER-COMFYUI:5.8.5-Z-IMAGE-TURBO")).isPresent();
        assertThat(WorkerImage.recognise("runpod/worker-comfyui:5.8.5-base")).as("no models of its own").isEmpty();
        assertThat(WorkerImage.recognise("runpod/worker-comfyui:latest")).isEmpty();
        assertThat(WorkerImage.recognise("runpod/worker-comfyui")).isEmpty();
        assertThat(WorkerImage.recognise("myorg/worker-comfyui-custom:1.0-sdxl")).isEmpty();
        assertThat(WorkerImage.recognise("runpod/pytorch:1.0.2-cu1281-torch280-ubuntu2404")).isEmpty();
        assertThat(WorkerImage.recognise(null)).isEmpty();
        for (WorkerImage v : WorkerImage.VARIANTS) {
            assertThat(WorkerImage.recognise(v.image())).contains(v);
        }
    }

    @Test
    void everyVariantsTemplateIsBundledAndNamesTheModelsTheImageHas(@TempDir Path dir) {
        TemplateLibrary library = new TemplateLibrary(dir.resolve("templates"));
        for (WorkerImage v : WorkerImage.VARIANTS) {
            Template t = library.get(v.templateId()).orElseThrow(() -> new AssertionError(v.templateId()));
            assertThat(t.bundled()).isTrue();
            String graph = t.workflow().toJson().toString();
            assertThat(v.models()).as(v.variant()).allSatisfy(m -> assertThat(graph).contains(m));
        }
        assertThat(WorkerImage.version("runpod/worker-comfyui:v5.1.0-sdxl")).isEqualTo("5.1.0");
        assertThat(WorkerImage.version("runpod/worker-comfyui:latest")).isEmpty();
    }
}
