package dev.easel.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The work behind one Generate click on a large graph: find the parameters of a 500-node workflow, set the seed,
 * and serialise the request body. Target: under 5 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BindBenchmark {

    private Workflow workflow;
    private long seed;

    @Setup
    public void setUp() {
        workflow = Workflow.of(graph(500));
    }

    /**
     * A wide graph of real shapes: a main pipeline with a 12-LoRA stack, then independent SD pipelines of
     * 7 nodes each (checkpoint, two prompts, latent, sampler, decode, save) until {@code size} nodes.
     */
    static ObjectNode graph(int size) {
        ObjectNode g = WorkflowJson.MAPPER.createObjectNode();
        int id = 1;
        String model = null;
        String clip = null;
        while (g.size() + 7 <= size) {
            String ck = Integer.toString(id++);
            node(g, ck, "CheckpointLoaderSimple").put("ckpt_name", "sd_xl_base_1.0.safetensors");
            model = ck;
            clip = ck;
            int modelSlot = 0;
            int clipSlot = 1;
            if (g.size() == 1) {
                for (int l = 0; l < 12; l++) {
                    String lora = Integer.toString(id++);
                    ObjectNode in = node(g, lora, "LoraLoader").put("lora_name", "lora" + l + ".safetensors")
                            .put("strength_model", 0.7).put("strength_clip", 0.7);
                    in.putArray("model").add(model).add(modelSlot);
                    in.putArray("clip").add(clip).add(clipSlot);
                    model = lora;
                    clip = lora;
                    modelSlot = 0;
                    clipSlot = 1;
                }
            }
            String pos = Integer.toString(id++);
            node(g, pos, "CLIPTextEncode").put("text", "a lighthouse at dusk, pipeline " + id)
                    .putArray("clip").add(clip).add(clipSlot);
            String neg = Integer.toString(id++);
            node(g, neg, "CLIPTextEncode").put("text", "blurry").putArray("clip").add(clip).add(clipSlot);
            String latent = Integer.toString(id++);
            node(g, latent, "EmptyLatentImage").put("width", 1024).put("height", 1024).put("batch_size", 1);
            String sampler = Integer.toString(id++);
            ObjectNode ks = node(g, sampler, "KSampler").put("seed", 1).put("steps", 25).put("cfg", 7)
                    .put("sampler_name", "dpmpp_2m").put("scheduler", "karras").put("denoise", 1);
            ks.putArray("model").add(model).add(modelSlot);
            ks.putArray("positive").add(pos).add(0);
            ks.putArray("negative").add(neg).add(0);
            ks.putArray("latent_image").add(latent).add(0);
            String decode = Integer.toString(id++);
            ObjectNode vd = node(g, decode, "VAEDecode");
            vd.putArray("samples").add(sampler).add(0);
            vd.putArray("vae").add(ck).add(2);
            String save = Integer.toString(id++);
            node(g, save, "SaveImage").put("filename_prefix", "p" + id).putArray("images").add(decode).add(0);
        }
        return g;
    }

    private static ObjectNode node(ObjectNode g, String id, String type) {
        ObjectNode n = g.putObject(id);
        ObjectNode inputs = n.putObject("inputs");
        n.put("class_type", type);
        n.putObject("_meta").put("title", type);
        return inputs;
    }

    @Benchmark
    public byte[] bindSetSeedAndSerialise() {
        Bindings b = ParameterBinder.bind(workflow);
        Workflow next = b.set(workflow, Parameter.SEED, WorkflowJson.MAPPER.getNodeFactory().numberNode(seed++));
        return WorkflowJson.bytes(RunRequest.body(RunRequest.input(next, Map.of(), "bench")));
    }

    @Benchmark
    public Bindings bindOnly() {
        return ParameterBinder.bind(workflow);
    }
}
