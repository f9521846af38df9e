package dev.easel.demo;

import java.util.List;
import java.util.Map;

/**
 * The model files the demo endpoint pretends to have, by ComfyUI model folder. The defaults cover every
 * worker-comfyui image (flux1-dev-fp8, flux1-dev/schnell, sdxl, sd3, z-image-turbo, flux2-klein-9b) so each bundled
 * template runs in demo mode.
 */
public record DemoModels(Map<String, List<String>> byFolder) {

    public static final DemoModels DEFAULT = new DemoModels(Map.of(
            "checkpoints", List.of("flux1-dev-fp8.safetensors", "sd_xl_base_1.0.safetensors",
                    "sd3_medium_incl_clips_t5xxlfp8.safetensors"),
            "unet", List.of("flux1-dev.safetensors", "flux1-schnell.safetensors", "z_image_turbo_bf16.safetensors"),
            "unet_gguf", List.of("flux-2-klein-9b-Q5_K_M.gguf"),
            "clip", List.of("clip_l.safetensors", "t5xxl_fp8_e4m3fn.safetensors", "qwen_3_4b.safetensors",
                    "qwen_3_8b_fp8mixed.safetensors"),
            "vae", List.of("ae.safetensors", "sdxl_vae.safetensors", "flux2-vae.safetensors"),
            "loras", List.of()));

    public DemoModels {
        byFolder = Map.copyOf(byFolder);
    }

    public List<String> in(String folder) {
        return byFolder.getOrDefault(folder, List.of());
    }
}
