package dev.easel.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ComfyUI's core nodes as Easel knows them (from ComfyUI's {@code nodes.py} and {@code comfy_extras}): inputs
 * with ranges and value lists, outputs, widget order. Nodes not listed here are custom nodes: they pass through
 * untouched, but cannot be converted from UI format.
 */
public final class NodeCatalog {

    /**
     * ComfyUI's sampler names, all 42 of KSampler's list in the real {@code /object_info} (recorded from
     * worker-comfyui 5.8.5, {@code shared/fixtures/real-worker/object_info-core.json}). An endpoint may know more.
     */
    public static final List<String> SAMPLERS = List.of("euler", "euler_cfg_pp", "euler_ancestral",
            "euler_ancestral_cfg_pp", "heun", "heunpp2", "dpm_2", "dpm_2_ancestral", "lms", "dpm_fast", "dpm_adaptive",
            "dpmpp_2s_ancestral", "dpmpp_2s_ancestral_cfg_pp", "dpmpp_sde", "dpmpp_sde_gpu", "dpmpp_2m",
            "dpmpp_2m_cfg_pp", "dpmpp_2m_sde", "dpmpp_2m_sde_gpu", "dpmpp_2m_sde_heun", "dpmpp_2m_sde_heun_gpu",
            "dpmpp_3m_sde", "dpmpp_3m_sde_gpu", "ddpm", "lcm", "ipndm", "ipndm_v", "deis", "res_multistep",
            "res_multistep_cfg_pp", "res_multistep_ancestral", "res_multistep_ancestral_cfg_pp", "gradient_estimation",
            "gradient_estimation_cfg_pp", "er_sde", "seeds_2", "seeds_3", "sa_solver", "sa_solver_pece", "ddim",
            "uni_pc", "uni_pc_bh2");
    /** ComfyUI's scheduler names. */
    public static final List<String> SCHEDULERS = List.of("simple", "sgm_uniform", "karras", "exponential",
            "ddim_uniform", "beta", "normal", "linear_quadratic", "kl_optimal");
    /** Nodes that exist only in the editor and never in an API-format graph. */
    public static final Set<String> UI_ONLY = Set.of("Reroute", "PrimitiveNode", "Note", "MarkdownNote",
            "PrimitiveString", "PrimitiveInt", "PrimitiveFloat");

    private static final String SEED = "INT*[0..18446744073709551615]";
    private static final String STEPS = "INT[1..10000]";
    private static final String CFG = "FLOAT[0..100]";
    private static final String DENOISE = "FLOAT[0..1]";
    private static final String SIZE8 = "INT[16..16384/8]";
    private static final String SIZE16 = "INT[16..16384/16]";

    /** One input of {@link #def}: name:TYPE, then * for a seed, [min..max/step], (value list), ? if optional. */
    private static final Pattern INPUT = Pattern.compile(
            "(\\w+):([A-Z_]+)(\\*)?(?:\\[(-?[\\d.]+)\\.\\.(-?[\\d.]+)(?:/([\\d.]+))?])?(?:\\((\\w+)\\))?(\\?)?");

    private static final Map<String, NodeSpec> SPECS = new LinkedHashMap<>();

    static {
        def("CheckpointLoaderSimple", "ckpt_name:COMBO(checkpoints)", "MODEL,CLIP,VAE");
        def("CLIPTextEncode", "text:STRING, clip:CLIP", "CONDITIONING");
        def("CLIPTextEncodeFlux", "clip:CLIP, clip_l:STRING, t5xxl:STRING, guidance:FLOAT[0..100]", "CONDITIONING");
        def("FluxGuidance", "conditioning:CONDITIONING, guidance:FLOAT[0..100]", "CONDITIONING");
        def("KSampler", "model:MODEL, seed:" + SEED + ", steps:" + STEPS + ", cfg:" + CFG
                + ", sampler_name:COMBO(samplers), scheduler:COMBO(schedulers), positive:CONDITIONING, "
                + "negative:CONDITIONING, latent_image:LATENT, denoise:" + DENOISE, "LATENT");
        def("KSamplerAdvanced", "model:MODEL, add_noise:COMBO(enable_disable), noise_seed:" + SEED + ", steps:" + STEPS
                + ", cfg:" + CFG + ", sampler_name:COMBO(samplers), scheduler:COMBO(schedulers), "
                + "positive:CONDITIONING, negative:CONDITIONING, latent_image:LATENT, start_at_step:INT[0..10000], "
                + "end_at_step:INT[0..10000], return_with_leftover_noise:COMBO(enable_disable)", "LATENT");
        def("EmptyLatentImage", "width:" + SIZE8 + ", height:" + SIZE8 + ", batch_size:INT[1..4096]", "LATENT");
        def("EmptySD3LatentImage", "width:" + SIZE16 + ", height:" + SIZE16 + ", batch_size:INT[1..4096]", "LATENT");
        def("VAEDecode", "samples:LATENT, vae:VAE", "IMAGE");
        def("VAEEncode", "pixels:IMAGE, vae:VAE", "LATENT");
        def("SaveImage", "images:IMAGE, filename_prefix:STRING", "!");
        def("PreviewImage", "images:IMAGE", "!");
        def("LoadImage", "image:COMBO(input)", "IMAGE,MASK");
        def("UNETLoader", "unet_name:COMBO(unet), weight_dtype:COMBO(weight_dtypes)", "MODEL");
        def("DualCLIPLoader", "clip_name1:COMBO(clip), clip_name2:COMBO(clip), type:COMBO(clip_types), "
                + "device:COMBO(devices)?", "CLIP");
        // ComfyUI-GGUF's loader (a custom node worker-comfyui's flux2-klein-9b image installs): GGUF files in unet/
        def("UnetLoaderGGUF", "unet_name:COMBO(unet_gguf)", "MODEL");
        def("CLIPLoader", "clip_name:COMBO(clip), type:COMBO(clip_types), device:COMBO(devices)?", "CLIP");
        def("VAELoader", "vae_name:COMBO(vae)", "VAE");
        def("LoraLoader", "model:MODEL, clip:CLIP, lora_name:COMBO(loras), strength_model:FLOAT[-100..100], "
                + "strength_clip:FLOAT[-100..100]", "MODEL,CLIP");
        def("LoraLoaderModelOnly", "model:MODEL, lora_name:COMBO(loras), strength_model:FLOAT[-100..100]", "MODEL");
        def("RandomNoise", "noise_seed:" + SEED, "NOISE");
        def("KSamplerSelect", "sampler_name:COMBO(samplers)", "SAMPLER");
        def("BasicScheduler", "model:MODEL, scheduler:COMBO(schedulers), steps:" + STEPS + ", denoise:" + DENOISE,
                "SIGMAS");
        def("BasicGuider", "model:MODEL, conditioning:CONDITIONING", "GUIDER");
        def("CFGGuider", "model:MODEL, positive:CONDITIONING, negative:CONDITIONING, cfg:" + CFG, "GUIDER");
        def("SamplerCustomAdvanced", "noise:NOISE, guider:GUIDER, sampler:SAMPLER, sigmas:SIGMAS, "
                + "latent_image:LATENT", "LATENT,LATENT");
        def("ModelSamplingFlux", "model:MODEL, max_shift:FLOAT[0..100], base_shift:FLOAT[0..100], width:" + SIZE8
                + ", height:" + SIZE8, "MODEL");
        def("ModelSamplingSD3", "model:MODEL, shift:FLOAT[0..100]", "MODEL");
        def("ModelSamplingAuraFlow", "model:MODEL, shift:FLOAT[0..100]", "MODEL");
        def("CLIPSetLastLayer", "clip:CLIP, stop_at_clip_layer:INT[-24..-1]", "CLIP");
        def("ConditioningCombine", "conditioning_1:CONDITIONING, conditioning_2:CONDITIONING", "CONDITIONING");
        def("ConditioningZeroOut", "conditioning:CONDITIONING", "CONDITIONING");
        def("ConditioningSetTimestepRange", "conditioning:CONDITIONING, start:FLOAT[0..1], end:FLOAT[0..1]",
                "CONDITIONING");
        def("LatentUpscale", "samples:LATENT, upscale_method:COMBO(upscale_methods), width:INT[0..16384/8], "
                + "height:INT[0..16384/8], crop:COMBO(crop_methods)", "LATENT");
        def("LatentUpscaleBy", "samples:LATENT, upscale_method:COMBO(upscale_methods), scale_by:FLOAT[0.01..8]",
                "LATENT");
        def("ImageScale", "image:IMAGE, upscale_method:COMBO(upscale_methods), width:INT[0..16384], "
                + "height:INT[0..16384], crop:COMBO(crop_methods)", "IMAGE");
        def("ImageScaleBy", "image:IMAGE, upscale_method:COMBO(upscale_methods), scale_by:FLOAT[0.01..8]", "IMAGE");
        // the model-free image nodes (ranges from the real /object_info); the demo runs them for real
        def("EmptyImage", "width:INT[1..16384], height:INT[1..16384], batch_size:INT[1..4096], "
                + "color:INT[0..16777215]", "IMAGE");
        def("ImageInvert", "image:IMAGE", "IMAGE");
        def("ImageBlur", "image:IMAGE, blur_radius:INT[1..31], sigma:FLOAT[0.1..10]", "IMAGE");
        def("ImageBatch", "image1:IMAGE, image2:IMAGE", "IMAGE");
        def("UpscaleModelLoader", "model_name:COMBO(upscale_models)", "UPSCALE_MODEL");
        def("ImageUpscaleWithModel", "upscale_model:UPSCALE_MODEL, image:IMAGE", "IMAGE");
    }

    private NodeCatalog() {
    }

    private static void def(String classType, String inputs, String outputs) {
        List<NodeSpec.Input> list = new ArrayList<>();
        for (String part : inputs.split(",\\s*")) {
            Matcher m = INPUT.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalStateException("bad input spec " + part + " of " + classType);
            }
            list.add(new NodeSpec.Input(m.group(1), m.group(2), m.group(8) != null, num(m.group(4)), num(m.group(5)),
                    num(m.group(6)), m.group(7), m.group(3) != null));
        }
        boolean output = outputs.equals("!");
        SPECS.put(classType, new NodeSpec(classType, List.copyOf(list),
                output ? List.of() : List.of(outputs.split(",")), output));
    }

    private static Double num(String s) {
        return s == null ? null : Double.valueOf(s);
    }

    /** The spec of a core node class, empty for custom nodes. */
    public static Optional<NodeSpec> spec(String classType) {
        return Optional.ofNullable(SPECS.get(classType));
    }
}
