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

    @Test
    void readsWhatA1111Writes() {
        // as AUTOMATIC1111 1.10 writes it: a multi-line prompt, a quoted value holding commas, a Lora hash map
        String text = "photo of a cat,\nsitting on a windowsill <lora:cats:0.8>\nNegative prompt: lowres, bad hands\n"
                + "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3141592653, "
                + "Size: 832x1216, Model hash: 1a2b3c, Model: sdxl_base, Lora hashes: \"cats: 9f8e7d, dogs: 0a0b\", "
                + "Version: v1.10.1";
        A1111Parameters.Parsed p = A1111Parameters.parse(text);
        assertThat(p.prompt()).isEqualTo("photo of a cat,\nsitting on a windowsill <lora:cats:0.8>");
        assertThat(p.negative()).isEqualTo("lowres, bad hands");
        assertThat(p.fields()).containsEntry("Lora hashes", "cats: 9f8e7d, dogs: 0a0b").containsEntry("Version", "v1.10.1");
        Map<Parameter, Object> v = p.values();
        assertThat(v).containsEntry(Parameter.STEPS, 28L).containsEntry(Parameter.CFG, 6.5)
                .containsEntry(Parameter.SEED, 3141592653L).containsEntry(Parameter.SAMPLER, "DPM++ 2M")
                .containsEntry(Parameter.SCHEDULER, "Karras").containsEntry(Parameter.WIDTH, 832)
                .containsEntry(Parameter.HEIGHT, 1216);
    }

    @Test
    void aPromptAloneOrAShortFieldsLine() {
        assertThat(A1111Parameters.parse("just a prompt: with a colon").fields()).isEmpty();
        assertThat(A1111Parameters.parse("just a prompt: with a colon").prompt()).isEqualTo("just a prompt: with a colon");
        A1111Parameters.Parsed p = A1111Parameters.parse("a fox\nSeed: 5, Size: 64x32");
        assertThat(p.prompt()).isEqualTo("a fox");
        assertThat(p.values()).containsEntry(Parameter.SEED, 5L).containsEntry(Parameter.WIDTH, 64);
    }

    @Test
    void whatEaselWritesReadsBack() {
        Map<Parameter, Object> p = new EnumMap<>(Parameter.class);
        p.put(Parameter.PROMPT, "line one\nline two");
        p.put(Parameter.NEGATIVE_PROMPT, "blurry, dark");
        p.put(Parameter.STEPS, 20);
        p.put(Parameter.CFG, 1.5);
        p.put(Parameter.SEED, 42L);
        p.put(Parameter.WIDTH, 512);
        p.put(Parameter.HEIGHT, 768);
        p.put(Parameter.SAMPLER, "euler");
        p.put(Parameter.SCHEDULER, "simple");
        p.put(Parameter.GUIDANCE, 3.5);
        Map<Parameter, Object> back = A1111Parameters.parse(A1111Parameters.format(p)).values();
        assertThat(back).containsEntry(Parameter.PROMPT, "line one\nline two")
                .containsEntry(Parameter.NEGATIVE_PROMPT, "blurry, dark").containsEntry(Parameter.STEPS, 20L)
                .containsEntry(Parameter.CFG, 1.5).containsEntry(Parameter.SEED, 42L)
                .containsEntry(Parameter.WIDTH, 512).containsEntry(Parameter.HEIGHT, 768)
                .containsEntry(Parameter.SAMPLER, "euler").containsEntry(Parameter.SCHEDULER, "simple")
                .containsEntry(Parameter.GUIDANCE, 3.5);
    }
}
