package dev.easel.library;

import dev.easel.workflow.Parameter;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class A1111ParametersTest {

    @Test
    void theDocumentedLine() {
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.PROMPT, "a whimsical treehouse");
        p.put(Parameter.NEGATIVE_PROMPT, "");
        p.put(Parameter.STEPS, 10);
        p.put(Parameter.SAMPLER, "euler");
        p.put(Parameter.CFG, 1);
        p.put(Parameter.SEED, 243057879077961L);
        p.put(Parameter.WIDTH, 512);
        p.put(Parameter.HEIGHT, 512);
        p.put(Parameter.MODEL, "flux1-dev-fp8.safetensors");
        assertThat(A1111Parameters.format(p)).isEqualTo("a whimsical treehouse\n"
                + "Steps: 10, Sampler: euler, CFG scale: 1, Seed: 243057879077961, Size: 512x512, Model: flux1-dev-fp8");
    }

    @Test
    void negativePromptExtrasAndQuoting() {
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.PROMPT, "line one\nline two");
        p.put(Parameter.NEGATIVE_PROMPT, "blurry, dark");
        p.put(Parameter.STEPS, 20);
        p.put(Parameter.SAMPLER, "dpmpp_2m");
        p.put(Parameter.SCHEDULER, "karras");
        p.put(Parameter.GUIDANCE, 3.5);
        p.put(Parameter.DENOISE, 0.75);
        p.put(Parameter.MODEL, "my,model:v2.safetensors");
        assertThat(A1111Parameters.format(p)).isEqualTo("line one\nline two\nNegative prompt: blurry, dark\n"
                + "Steps: 20, Sampler: dpmpp_2m, Model: \"my,model:v2\", Schedule type: karras, "
                + "Distilled CFG Scale: 3.5, Denoising strength: 0.75");
    }
}
