package dev.easel.workflow;

/** The parameters the panel shows, each found in the graph by {@link ParameterBinder}. */
public enum Parameter {
    PROMPT("prompt"),
    NEGATIVE_PROMPT("negative_prompt"),
    SEED("seed"),
    STEPS("steps"),
    CFG("cfg"),
    SAMPLER("sampler"),
    SCHEDULER("scheduler"),
    DENOISE("denoise"),
    GUIDANCE("guidance"),
    WIDTH("width"),
    HEIGHT("height"),
    BATCH_SIZE("batch_size"),
    /** The checkpoint ({@code ckpt_name}) or diffusion model ({@code unet_name}). */
    MODEL("model"),
    FILENAME_PREFIX("filename_prefix");

    private final String key;

    Parameter(String key) {
        this.key = key;
    }

    /** The parameter with this {@link #key()}, or null. */
    public static Parameter ofKey(String key) {
        for (Parameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }

    /** The name used in JSON output. */
    public String key() {
        return key;
    }
}
