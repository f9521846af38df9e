package dev.easel.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The model files each template loads, and what an endpoint's known checkpoints make of it. */
class ModelFilesTest {

    @TempDir
    Path dir;

    private Template template(String id) {
        return new TemplateLibrary(dir).bundled().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void eachTemplateLoadsTheFilesItsWorkerComfyuiImageShips() {
        assertThat(ModelFiles.of(template("flux1-dev-fp8").workflow()))
                .isEqualTo(Map.of("ckpt_name", Set.of("flux1-dev-fp8.safetensors")));
        assertThat(ModelFiles.of(template("flux1-dev").workflow())).containsEntry("unet_name",
                Set.of("flux1-dev.safetensors")).containsEntry("clip_name1", Set.of("t5xxl_fp8_e4m3fn.safetensors"))
                .containsEntry("clip_name2", Set.of("clip_l.safetensors")).containsEntry("vae_name", Set.of("ae.safetensors"));
        assertThat(ModelFiles.of(template("flux2-klein-9b").workflow())).isEqualTo(Map.of(
                "unet_name", Set.of("flux-2-klein-9b-Q5_K_M.gguf"),
                "clip_name", Set.of("qwen_3_8b_fp8mixed.safetensors"),
                "vae_name", Set.of("flux2-vae.safetensors")));
    }

    @Test
    void anEndpointsKnownCheckpointsSayWhetherATemplateRunsThere() {
        List<String> sdxlOnly = List.of("sd_xl_base_1.0.safetensors");
        assertThat(ModelFiles.missingCheckpoint(template("sdxl").workflow(), sdxlOnly)).isEmpty();
        assertThat(ModelFiles.missingCheckpoint(template("flux1-dev-fp8").workflow(), sdxlOnly))
                .isEqualTo("flux1-dev-fp8.safetensors");
        assertThat(ModelFiles.missingCheckpoint(template("flux1-dev").workflow(), sdxlOnly))
                .as("no checkpoint: can't tell").isNull();
        assertThat(ModelFiles.missingCheckpoint(template("sdxl").workflow(), List.of())).as("no list").isNull();
    }
}
