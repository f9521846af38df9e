package dev.easel.jobs;

import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointWorkers;
import dev.easel.api.EndpointWorkers.State;
import dev.easel.api.HealthResponse;
import dev.easel.jobs.EndpointCheck.Severity;
import dev.easel.jobs.EndpointCheck.Trouble;
import dev.easel.text.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Why jobs would wait on an endpoint, and the doctor's findings. */
class EndpointCheckTest {

    static AccountEndpoint endpoint(String image, int min, int max, int idle, String flashboot) {
        return new AccountEndpoint("ep1", "mine", "QUEUE", image, List.of("ADA_24"), 1, min, max, idle, "QUEUE_DELAY", 4,
                flashboot, List.of(), List.of(), 600_000, 20, Map.of(), Instant.EPOCH);
    }

    static EndpointWorkers workers(State... states) {
        var list = new ArrayList<EndpointWorkers.Worker>();
        var counts = new EnumMap<State, Integer>(State.class);
        int i = 0;
        for (State s : states) {
            list.add(new EndpointWorkers.Worker("w" + i++, s, false, 1, "img", 10, "NVIDIA RTX 4090", "EU-RO-1", null));
            counts.merge(s, 1, Integer::sum);
        }
        return new EndpointWorkers(1, counts, list);
    }

    private static HealthResponse waiting(long n) {
        return new HealthResponse(Map.of("inQueue", n), Map.of());
    }

    private static final String IMAGE = "runpod/worker-comfyui:5.8.5-flux1-dev-fp8";

    @Test
    void aScaledToZeroEndpointIsSaidWithTheMaxToGiveBack() {
        var n = EndpointCheck.notice(endpoint(IMAGE, 0, 0, 5, "FLASHBOOT"), workers(), waiting(3), 5).orElseThrow();
        assertThat(n.trouble()).isEqualTo(Trouble.SCALED_TO_ZERO);
        assertThat(n.restoreTo()).isEqualTo(5);
        assertThat(Messages.get(n.said())).startsWith("Runpod has scaled this endpoint down to 0 workers: the 3 jobs waiting")
                .endsWith("Restore max workers to 5.");
        assertThat(EndpointCheck.notice(endpoint(IMAGE, 0, 0, 5, "FLASHBOOT"), workers(), null, 0).orElseThrow()
                .restoreTo()).as("never seen higher: Runpod's default").isEqualTo(EndpointCheck.DEFAULT_MAX);
    }

    @Test
    void aMaxLoweredToTwoIsSaidButAMaxChosenByHandIsNot() {
        var lowered = EndpointCheck.notice(endpoint(IMAGE, 0, 2, 5, "FLASHBOOT"), workers(), waiting(0), 6).orElseThrow();
        assertThat(lowered.trouble()).isEqualTo(Trouble.LOWERED);
        assertThat(lowered.restoreTo()).isEqualTo(6);
        assertThat(EndpointCheck.notice(endpoint(IMAGE, 0, 4, 5, "FLASHBOOT"), workers(), waiting(0), 6)).isEmpty();
        assertThat(EndpointCheck.notice(endpoint(IMAGE, 0, 2, 5, "FLASHBOOT"), workers(), waiting(0), 2)).isEmpty();
    }

    @Test
    void jobsWaitingWithOnlyThrottledWorkersOrNoneAreSaidWithoutAClickThatWouldNotHelp() {
        var throttled = EndpointCheck.notice(endpoint(IMAGE, 0, 3, 5, "FLASHBOOT"), workers(State.THROTTLED), waiting(2), 3)
                .orElseThrow();
        assertThat(throttled.trouble()).isEqualTo(Trouble.THROTTLED);
        assertThat(throttled.restorable()).isFalse();
        assertThat(Messages.get(throttled.said())).startsWith("2 jobs wait: its worker waits for a free GPU of ADA_24.");
        assertThat(EndpointCheck.notice(endpoint(IMAGE, 0, 3, 5, "FLASHBOOT"), workers(), waiting(1), 3).orElseThrow()
                .trouble()).isEqualTo(Trouble.NOTHING_STARTS);
        assertThat(EndpointCheck.notice(endpoint(IMAGE, 0, 3, 5, "FLASHBOOT"), workers(State.INITIALIZING), waiting(1), 3))
                .as("a cold start is under way").isEmpty();
    }

    @Test
    void theDoctorReadsTheImageTheWorkersTheModelsAndTheIdleCost() {
        var healthy = EndpointCheck.doctor(endpoint(IMAGE, 0, 3, 5, "FLASHBOOT"), workers(State.IDLE),
                List.of("flux1-dev-fp8.safetensors"), List.of("flux1-dev-fp8.safetensors"), 0.0004);
        assertThat(healthy).extracting(EndpointCheck.Finding::severity)
                .containsExactly(Severity.OK, Severity.OK, Severity.INFO);
        assertThat(Messages.get(healthy.get(2).said())).contains("5 s of paid idle ($0.0020 a worker)");

        var sick = EndpointCheck.doctor(endpoint("runpod/worker-comfyui:latest", 0, 3, 0, "OFF"),
                workers(State.UNHEALTHY, State.IDLE), List.of("sd_xl_base_1.0.safetensors"),
                List.of("flux1-dev-fp8.safetensors"), 0.0004);
        assertThat(sick).extracting(f -> Messages.get(f.said())).anySatisfy(s -> assertThat(s).startsWith("Image "))
                .anySatisfy(s -> assertThat(s).startsWith("The image has no pinned version"))
                .anySatisfy(s -> assertThat(s).startsWith("1 worker fails its health checks"))
                .anySatisfy(s -> assertThat(s).startsWith("The endpoint reported it lacks flux1-dev-fp8.safetensors."))
                .anySatisfy(s -> assertThat(s).startsWith("FlashBoot is off"));
        assertThat(EndpointCheck.doctor(endpoint("runpod/worker-comfyui:5.7.0-sdxl", 0, 1, 5, "FLASHBOOT"), workers(),
                List.of(), List.of(), 0).getFirst().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theMemoryKeepsTheHighestMaxSeenUntilTheUserChoosesAnother(@TempDir Path dir) throws Exception {
        var memory = new EndpointMemory(dir.resolve("endpoints.json"));
        assertThat(memory.maxSeen("ep1")).isZero();
        memory.saw("ep1", 5);
        memory.saw("ep1", 2);
        assertThat(new EndpointMemory(dir.resolve("endpoints.json")).maxSeen("ep1")).isEqualTo(5);
        memory.chose("ep1", 2);
        assertThat(memory.maxSeen("ep1")).isEqualTo(2);
        Files.writeString(dir.resolve("endpoints.json"), "{not json");
        assertThat(memory.maxSeen("ep1")).as("a damaged file is as if none").isZero();
    }
}
