package dev.easel.ui.sweep;

import dev.easel.workflow.Parameter;

/** What a sweep's axis can vary, as the dialog offers it: the key it is written with and an example of its values. */
public enum SweepKind {
    NONE("", "", null),
    SEEDS("seeds", "4", Parameter.SEED),
    SEED("seed", "1, 2, 3", Parameter.SEED),
    STEPS("steps", "10, 20, 30", Parameter.STEPS),
    CFG("cfg", "1, 3.5, 7", Parameter.CFG),
    GUIDANCE("guidance", "2.5, 3.5, 5", Parameter.GUIDANCE),
    DENOISE("denoise", "0.5, 0.75, 1", Parameter.DENOISE),
    SAMPLER("sampler", "euler, dpmpp_2m", Parameter.SAMPLER),
    SCHEDULER("scheduler", "simple, karras", Parameter.SCHEDULER),
    SIZE("size", "512x512, 768x768", Parameter.WIDTH),
    MODEL("model", "flux1-dev-fp8.safetensors, …", Parameter.MODEL),
    PROMPT_SR("prompt-sr", "red, blue, golden", Parameter.PROMPT),
    PROMPTS("prompts", "a fox | an owl | a heron", Parameter.PROMPT),
    /** A batch of rows, each setting several parameters: loaded from a CSV file. */
    ROWS("rows", "[{\"prompt\": \"a fox\", \"steps\": \"20\"}, …]", null);

    private final String key;
    private final String example;
    private final Parameter needs;

SweepKind(String key, String example, Parameter needs) {
        this.key = key;
        this.example = example;
        this.needs = needs;
    }

    public String key() {
        return key;
    }

    /** The parameter the graph must have for this kind; null for none. */
    Parameter needs() {
        return needs;
    }

    /** What the values field shows before anything is typed. */
    public String example() {
        return example;
    }

    static SweepKind ofKey(String key) {
        for (SweepKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return NONE;
    }
}
