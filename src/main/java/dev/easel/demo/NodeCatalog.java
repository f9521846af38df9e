package dev.easel.demo;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/** The ComfyUI node classes the demo endpoint "has installed": their required inputs, outputs and value lists. */
final class NodeCatalog {

    /** A numeric input's range, as ComfyUI declares it. */
    record Range(double min, double max) { }

    /**
     * @param required inputs that must be present
     * @param outputs  number of output slots
     * @param output   whether it is an output node (SaveImage, PreviewImage)
     * @param lists    input name → value list key ({@code samplers}, {@code schedulers}, a model folder, {@code input})
     * @param ranges   input name → allowed range
     */
    record Spec(List<String> required, int outputs, boolean output, Map<String, String> lists,
                Map<String, Range> ranges) { }

    static final List<String> SAMPLERS = List.of("euler", "euler_cfg_pp", "euler_ancestral",
            "euler_ancestral_cfg_pp", "heun", "heunpp2", "dpm_2", "dpm_2_ancestral", "lms", "dpm_fast", "dpm_adaptive",
            "dpmpp_2s_ancestral", "dpmpp_sde", "dpmpp_sde_gpu", "dpmpp_2m", "dpmpp_2m_sde", "dpmpp_2m_sde_gpu",
            "dpmpp_3m_sde", "dpmpp_3m_sde_gpu", "ddpm", "lcm", "ipndm", "ipndm_v", "deis", "res_multistep",
            "gradient_estimation", "er_sde", "seeds_2", "seeds_3", "sa_solver", "ddim", "uni_pc", "uni_pc_bh2");
    static final List<String> SCHEDULERS = List.of("simple", "sgm_uniform", "karras", "exponential", "ddim_uniform",
            "beta", "normal", "linear_quadratic", "kl_optimal");

    private static final Range SIZE = new Range(16, 16384);
    private static final Range STEPS = new Range(1, 10000);
    private static final Range CFG = new Range(0, 100);
    private static final Range UNIT = new Range(0, 1);
    private static final Range BATCH = new Range(1, 4096);
    private static final Map<String, String> SAMPLING = Map.of("sampler_name", "samplers", "scheduler", "schedulers");

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            entry("CheckpointLoaderSimple", spec(3, List.of("ckpt_name"), Map.of("ckpt_name", "checkpoints"))),
            entry("CLIPTextEncode", spec(1, List.of("text", "clip"))),
            entry("CLIPTextEncodeFlux", spec(1, List.of("clip", "clip_l", "t5xxl", "guidance"))),
            entry("FluxGuidance", spec(1, List.of("conditioning", "guidance"))),
            entry("KSampler", new Spec(List.of("model", "seed", "steps", "cfg", "sampler_name", "scheduler", "positive",
                    "negative", "latent_image", "denoise"), 1, false, SAMPLING,
                    Map.of("steps", STEPS, "cfg", CFG, "denoise", UNIT))),
            entry("KSamplerAdvanced", new Spec(List.of("model", "add_noise", "noise_seed", "steps", "cfg",
                    "sampler_name", "scheduler", "positive", "negative", "latent_image", "start_at_step", "end_at_step",
                    "return_with_leftover_noise"), 1, false, SAMPLING, Map.of("steps", STEPS, "cfg", CFG))),
            entry("EmptyLatentImage", new Spec(List.of("width", "height", "batch_size"), 1, false, Map.of(),
                    Map.of("width", SIZE, "height", SIZE, "batch_size", BATCH))),
            entry("EmptySD3LatentImage", new Spec(List.of("width", "height", "batch_size"), 1, false, Map.of(),
                    Map.of("width", SIZE, "height", SIZE, "batch_size", BATCH))),
            entry("VAEDecode", spec(1, List.of("samples", "vae"))),
            entry("VAEEncode", spec(1, List.of("pixels", "vae"))),
            entry("SaveImage", new Spec(List.of("images", "filename_prefix"), 0, true, Map.of(), Map.of())),
            entry("PreviewImage", new Spec(List.of("images"), 0, true, Map.of(), Map.of())),
            entry("LoadImage", spec(2, List.of("image"), Map.of("image", "input"))),
            entry("UNETLoader", spec(1, List.of("unet_name", "weight_dtype"), Map.of("unet_name", "unet"))),
            entry("DualCLIPLoader", spec(1, List.of("clip_name1", "clip_name2", "type"),
                    Map.of("clip_name1", "clip", "clip_name2", "clip"))),
            entry("CLIPLoader", spec(1, List.of("clip_name", "type"), Map.of("clip_name", "clip"))),
            entry("VAELoader", spec(1, List.of("vae_name"), Map.of("vae_name", "vae"))),
            entry("LoraLoader", spec(2, List.of("model", "clip", "lora_name", "strength_model", "strength_clip"),
                    Map.of("lora_name", "loras"))),
            entry("RandomNoise", spec(1, List.of("noise_seed"))),
            entry("KSamplerSelect", spec(1, List.of("sampler_name"), Map.of("sampler_name", "samplers"))),
            entry("BasicScheduler", new Spec(List.of("model", "scheduler", "steps", "denoise"), 1, false,
                    Map.of("scheduler", "schedulers"), Map.of("steps", STEPS, "denoise", UNIT))),
            entry("BasicGuider", spec(1, List.of("model", "conditioning"))),
            entry("CFGGuider", spec(1, List.of("model", "positive", "negative", "cfg"))),
            entry("SamplerCustomAdvanced", spec(2, List.of("noise", "guider", "sampler", "sigmas", "latent_image"))),
            entry("ModelSamplingFlux", spec(1, List.of("model", "max_shift", "base_shift", "width", "height"))),
            entry("ModelSamplingSD3", spec(1, List.of("model", "shift"))),
            entry("CLIPSetLastLayer", spec(1, List.of("clip", "stop_at_clip_layer"))),
            entry("ConditioningCombine", spec(1, List.of("conditioning_1", "conditioning_2"))),
            entry("ConditioningZeroOut", spec(1, List.of("conditioning"))),
            entry("ConditioningSetTimestepRange", spec(1, List.of("conditioning", "start", "end"))),
            entry("LatentUpscale", spec(1, List.of("samples", "upscale_method", "width", "height", "crop"))),
            entry("LatentUpscaleBy", spec(1, List.of("samples", "upscale_method", "scale_by"))),
            entry("ImageScale", spec(1, List.of("image", "upscale_method", "width", "height", "crop"))),
            entry("ImageScaleBy", spec(1, List.of("image", "upscale_method", "scale_by"))));

    private NodeCatalog() {
    }

    private static Spec spec(int outputs, List<String> required) {
        return new Spec(required, outputs, false, Map.of(), Map.of());
    }

    private static Spec spec(int outputs, List<String> required, Map<String, String> lists) {
        return new Spec(required, outputs, false, lists, Map.of());
    }

    static Spec get(String classType) {
        return SPECS.get(classType);
    }
}
