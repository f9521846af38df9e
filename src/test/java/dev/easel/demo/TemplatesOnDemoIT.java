package dev.easel.demo;

import dev.easel.api.JobState;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.api.StatusResponse;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.RunRequest;
import dev.easel.workflow.Template;
import dev.easel.workflow.TemplateLibrary;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bundled template, sent as the app sends it, completes on the demo endpoint with images of its size. */
class TemplatesOnDemoIT {

    private static DemoEndpoint demo;
    private static OkHttpRunpodClient client;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(3));
        client = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"));
    }

    @AfterAll
    static void stop() {
        client.close();
        demo.close();
    }

    static List<Template> templates() {
        return new TemplateLibrary(Path.of("target/none")).bundled();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void runsOnTheDemoEndpoint(Template t) throws Exception {
        var b = ParameterBinder.bind(t.workflow());
        Workflow small = t.workflow();
        // small pictures keep the test fast; the step of the latent node is respected
        for (Parameter p : List.of(Parameter.WIDTH, Parameter.HEIGHT)) {
            small = b.set(small, p, WorkflowJson.MAPPER.getNodeFactory().numberNode(256));
        }
        var input = RunRequest.input(small, Map.of(), "it");
        String id = client.run(input, RunPolicy.DEFAULT).id();
        StatusResponse s;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            Thread.sleep(20);
            s = client.status(id);
        } while (!s.state().isTerminal() && System.nanoTime() < end);
        assertThat(s.state()).as(t.id() + ": " + s.error()).isEqualTo(JobState.COMPLETED);
        var img = ImageIO.read(new ByteArrayInputStream(s.images().orElseThrow().images().getFirst().decode()));
        // img2img takes its size from the input: the demo worker's built-in example.png is 512 wide
        assertThat(img.getWidth()).isEqualTo(b.has(Parameter.WIDTH) ? 256 : 512);
    }
}
