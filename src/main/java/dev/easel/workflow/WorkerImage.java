package dev.easel.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An image variant of worker-comfyui ({@code runpod/worker-comfyui:<version>-<variant>}): the models it bakes in,
 * the template that uses them, and what it needs of a worker (a GPU pool with room for its models, container disk).
 *
 * @param pool   the serverless GPU pool it fits, as Runpod names pools ({@code ADA_24}: an RTX 4090)
 * @param diskGb the container disk worker-comfyui's deployment guide recommends
 */
public record WorkerImage(String variant, String name, String templateId, List<String> models, String pool, int diskGb) {

    /** The release Easel was checked against (its answers are recorded in the real-worker fixtures). */
    public static final String VERSION = "5.8.5";
    public static final String REPOSITORY = "runpod/worker-comfyui";
    /** The CUDA versions worker-comfyui's image is built for (CUDA 12.6); Runpod matches them exactly. */
    public static final List<String> CUDA = List.of("12.7", "12.6");

    public WorkerImage {
        models = List.copyOf(models);
    }

    /** The variants Easel has a template for, the Hub's default first. */
    public static final List<WorkerImage> VARIANTS = List.of(
            new WorkerImage("flux1-dev-fp8", "FLUX.1-dev fp8", "flux1-dev-fp8", List.of("flux1-dev-fp8.safetensors"),
                    "ADA_24", 20),
            new WorkerImage("flux1-dev", "FLUX.1-dev", "flux1-dev", List.of("flux1-dev.safetensors",
                    "t5xxl_fp8_e4m3fn.safetensors", "clip_l.safetensors", "ae.safetensors"), "ADA_48_PRO", 30),
            new WorkerImage("flux1-schnell", "FLUX.1-schnell", "flux1-schnell", List.of("flux1-schnell.safetensors",
                    "t5xxl_fp8_e4m3fn.safetensors", "clip_l.safetensors", "ae.safetensors"), "ADA_48_PRO", 30),
            new WorkerImage("sdxl", "SDXL", "sdxl", List.of("sd_xl_base_1.0.safetensors"), "AMPERE_24", 15),
            new WorkerImage("sd3", "SD3 Medium", "sd3", List.of("sd3_medium_incl_clips_t5xxlfp8.safetensors"),
                    "AMPERE_24", 20),
            new WorkerImage("z-image-turbo", "Z-Image-Turbo", "z-image-turbo", List.of("z_image_turbo_bf16.safetensors",
                    "qwen_3_4b.safetensors", "ae.safetensors"), "ADA_24", 20));

    /** The image reference with its pinned tag, e.g. {@code runpod/worker-comfyui:5.8.5-flux1-dev-fp8}. */
    public String image() {
        return REPOSITORY + ":" + VERSION + "-" + variant;
    }

    /** A variant by its name, or empty. */
    public static Optional<WorkerImage> variant(String variant) {
        return VARIANTS.stream().filter(v -> v.variant().equals(variant)).findFirst();
    }

    /**
     * What an endpoint's image is, when it is worker-comfyui: {@code runpod/worker-comfyui:5.8.5-sdxl}, also with
     * a registry ({@code docker.io/…}) or a digest ({@code …@sha256:…}); empty for any other image, for the
     * {@code base} image (no models: its templates are the user's) and for a tag without a variant.
     */
    public static Optional<WorkerImage> recognise(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String ref = image.strip().toLowerCase(Locale.ROOT);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon < 0 || colon < ref.lastIndexOf('/')) {
            return Optional.empty();
        }
        String repo = ref.substring(0, colon);
        if (!repo.equals(REPOSITORY) && !repo.endsWith("/" + REPOSITORY)) {
            return Optional.empty();
        }
        String tag = ref.substring(colon + 1); // 5.8.5-flux1-dev-fp8, or v5.1.0-sdxl in older releases
        int dash = tag.indexOf('-');
        if (dash < 0 || !tag.substring(0, dash).matches("v?\\d+(\\.\\d+)*")) {
            return Optional.empty();
        }
        return variant(tag.substring(dash + 1));
    }

    /** The version part of a worker-comfyui tag ({@code 5.8.5}), or "". */
    public static String version(String image) {
        int colon = image == null ? -1 : image.lastIndexOf(':');
        if (colon < 0) {
            return "";
        }
        String tag = image.substring(colon + 1);
        int dash = tag.indexOf('-');
        return dash < 0 ? "" : tag.substring(0, dash).replaceFirst("^v", "");
    }
}
