package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.testing.Fixtures;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoGraphTest {

    @Test
    void tutorialPlanHasTwoSavedImagesFromOneSampler() {
        JsonNode wf = Fixtures.tutorialInput().get("workflow");
        DemoGraph.Plan plan = DemoGraph.plan(wf, Map.of());
        assertThat(plan.outputs()).extracting(DemoGraph.Output::nodeId).containsExactly("9", "40");
        DemoGraph.Frame f = plan.outputs().getFirst().frame();
        assertThat(f.seed()).isEqualTo(243057879077961L);
        assertThat(f.steps()).isEqualTo(10);
        assertThat(f.width()).isEqualTo(512);
        assertThat(f.height()).isEqualTo(512);
        assertThat(f.batch()).isEqualTo(1);
        assertThat(f.prompt()).startsWith("a whimsical and intricate treehouse");
        assertThat(plan.samplerSteps()).containsOnlyKeys("31");
        assertThat(plan.samplingWork()).isCloseTo(10 * 0.262144, Offset.offset(1e-6));
        assertThat(plan.imageCount()).isEqualTo(2);
    }

    @Test
    void samplerCustomAdvancedGraph() throws Exception {
        JsonNode wf = Fixtures.JSON.readTree("""
                {"1":{"class_type":"UNETLoader","inputs":{"unet_name":"flux1-schnell.safetensors","weight_dtype":"default"}},
                 "2":{"class_type":"DualCLIPLoader","inputs":{"clip_name1":"clip_l.safetensors","clip_name2":"t5xxl_fp8_e4m3fn.safetensors","type":"flux"}},
                 "3":{"class_type":"CLIPTextEncode","inputs":{"text":"a red fox","clip":["2",0]}},
                 "4":{"class_type":"RandomNoise","inputs":{"noise_seed":77}},
                 "5":{"class_type":"KSamplerSelect","inputs":{"sampler_name":"euler"}},
                 "6":{"class_type":"BasicScheduler","inputs":{"model":["1",0],"scheduler":"simple","steps":4,"denoise":1}},
                 "7":{"class_type":"BasicGuider","inputs":{"model":["1",0],"conditioning":["3",0]}},
                 "8":{"class_type":"EmptySD3LatentImage","inputs":{"width":1024,"height":768,"batch_size":2}},
                 "9":{"class_type":"SamplerCustomAdvanced","inputs":{"noise":["4",0],"guider":["7",0],"sampler":["5",0],"sigmas":["6",0],"latent_image":["8",0]}},
                 "10":{"class_type":"VAELoader","inputs":{"vae_name":"ae.safetensors"}},
                 "11":{"class_type":"VAEDecode","inputs":{"samples":["9",0],"vae":["10",0]}},
                 "12":{"class_type":"SaveImage","inputs":{"filename_prefix":"flux/schnell","images":["11",0]}}}""");
        assertThat(new WorkflowCheck(DemoModels.DEFAULT).check(Fixtures.JSON.createObjectNode().set("workflow", wf),
                Set.of())).isNull();
        DemoGraph.Frame f = DemoGraph.plan(wf, Map.of()).outputs().getFirst().frame();
        assertThat(f).isEqualTo(new DemoGraph.Frame("a red fox", 77, 4, 1024, 768, 2));
    }
}
