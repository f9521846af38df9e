package dev.easel.ui.endpoint;

import dev.easel.api.AccountConfig;
import dev.easel.api.EndpointWorkers;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RetryPolicy;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.jobs.EndpointCheck;
import dev.easel.jobs.EndpointMemory;
import dev.easel.jobs.KeepWarm;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.testing.Fixtures;
import dev.easel.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The endpoint panel against the demo's management API: scale-down said and restored, keep warm, the doctor, logs. */
class EndpointPanelModelIT {

    private static final double PRICE = 1.116 / 3600;

    @TempDir
    Path dir;
    private DemoEndpoint demo;
    private OwnedEndpoint owned;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T12:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        demo = DemoEndpoint.start(DemoConfig.fast().withWorkers(3));
        var account = new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), "k")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
        var queue = new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k"));
        owned = new OwnedEndpoint("demo", PRICE, account, queue, new KeepWarm(dir.resolve("keep-warm.json"), clock),
                new EndpointMemory(dir.resolve("endpoints.json")));
    }

    @AfterEach
    void stop() {
        owned.queue().close();
        owned.close();
        demo.close();
    }

    private EndpointPanelModel panel(List<String> has, List<String> needs) {
        return new EndpointPanelModel(owned, () -> has, () -> needs, clock, ZoneOffset.UTC, Runnable::run, Runnable::run);
    }

    private EndpointPanelModel panel() {
        return panel(List.of("flux1-dev-fp8.safetensors"), List.of("flux1-dev-fp8.safetensors"));
    }

    @Test
    void showsTheEndpointItsWorkersAndAHealthyDoctor() {
        var vm = panel();
        vm.refresh().join();
        assertThat(vm.endpointProperty().get().id()).isEqualTo("demo");
        assertThat(vm.detailsProperty().get()).contains("ADA_24").contains("workers 0\u20133")
                .contains("worker-comfyui:5.8.5-flux1-dev-fp8");
        assertThat(vm.countsProperty().get()).contains("0 running").contains("0 in queue");
        assertThat(vm.noticeProperty().get()).isEmpty();
        assertThat(vm.doctor()).extracting(EndpointPanelModel.DoctorLine::text)
                .anySatisfy(t -> assertThat(t).startsWith("Image: worker-comfyui 5.8.5"))
                .anySatisfy(t -> assertThat(t).startsWith("The endpoint has the models the template needs"));
        assertThat(vm.doctor()).noneMatch(l -> l.severity() == EndpointCheck.Severity.PROBLEM);
    }

    @Test
    void theDoctorNamesTheModelsTheEndpointLacks() {
        var vm = panel(List.of("flux1-dev-fp8.safetensors"), List.of("sd_xl_base_1.0.safetensors"));
        vm.refresh().join();
        assertThat(vm.doctor()).filteredOn(l -> l.severity() == EndpointCheck.Severity.PROBLEM)
                .singleElement().satisfies(l -> assertThat(l.text())
                        .contains("lacks sd_xl_base_1.0.safetensors").contains("It has flux1-dev-fp8.safetensors"));
    }

    @Test
    void anEndpointScaledToZeroIsSaidAndItsMaxRestoredInOneClick() {
        var vm = panel();
        vm.refresh().join(); // Easel sees max 3 once
        demo.account().scaleDown("demo", 0); // Runpod, after 7 idle days

        vm.refresh().join();
        assertThat(vm.troubleProperty().get()).isEqualTo(EndpointCheck.Trouble.SCALED_TO_ZERO);
        assertThat(vm.noticeProperty().get()).contains("scaled this endpoint down to 0 workers")
                .contains("Restore max workers to 3");
        assertThat(vm.restoreToProperty().get()).isEqualTo(3);

        vm.restoreMax().join();
        assertThat(owned.account().endpoint("demo").workersMax()).isEqualTo(3);
        assertThat(vm.messageProperty().get()).isEqualTo("Max workers is 3 again: waiting jobs can start.");
        assertThat(vm.noticeProperty().get()).isEmpty();
        assertThat(vm.troubleProperty().get()).isNull();
    }

    @Test
    void aMaxLoweredToTwoIsSaidUntilTheUserKeepsIt() {
        var vm = panel();
        vm.refresh().join();
        demo.account().scaleDown("demo", 2); // Runpod, after 3 idle days
        vm.refresh().join();
        assertThat(vm.troubleProperty().get()).isEqualTo(EndpointCheck.Trouble.LOWERED);
        assertThat(vm.noticeProperty().get()).startsWith("Max workers is 2, down from the 3 Easel saw before");

        vm.keepMax().join();
        assertThat(vm.noticeProperty().get()).as("the user's choice: not asked again").isEmpty();
        assertThat(owned.account().endpoint("demo").workersMax()).isEqualTo(2);
    }

    @Test
    void keepWarmRaisesMinWorkersShowsTheCostAndEndNowGivesItBack() {
        var vm = panel();
        vm.refresh().join();
        vm.keepWarm(30).join();
        assertThat(owned.account().endpoint("demo").workersMin()).isEqualTo(1);
        assertThat(vm.warmProperty().get()).isTrue();
        assertThat(vm.warmTextProperty().get()).isEqualTo("1 extra worker warm until 12:30 \u00b7 $0.019/min \u00b7 30 min left");
        assertThat(Files.exists(dir.resolve("keep-warm.json"))).as("journaled").isTrue();

        vm.endWarm().join();
        assertThat(owned.account().endpoint("demo").workersMin()).isZero();
        assertThat(vm.warmProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("The warm spell ended: min workers is back to 0.");
        assertThat(Files.exists(dir.resolve("keep-warm.json"))).isFalse();
    }

    @Test
    void aWarmSpellWhoseTimeIsUpIsEndedByTheNextRefresh() {
        var vm = panel();
        vm.refresh().join();
        vm.keepWarm(5).join();
        clock.advance(Duration.ofMinutes(6));

        vm.refresh().join();
        assertThat(owned.account().endpoint("demo").workersMin()).isZero();
        assertThat(vm.warmProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("The warm spell ended: min workers is back to 0.");
    }

    @Test
    void keepWarmOnAScaledDownEndpointIsRefusedWithASentenceAndChangesNothing() {
        var vm = panel();
        vm.refresh().join();
        demo.account().scaleDown("demo", 0);
        vm.refresh().join();
        vm.keepWarm(30).join();
        assertThat(vm.messageProperty().get()).contains("max workers is 0");
        assertThat(vm.warmProperty().get()).isFalse();
        assertThat(owned.account().endpoint("demo").workersMin()).isZero();
    }

    @Test
    void theLogOfAStartingWorkerIsFollowedWhileThePanelIsOpen() throws Exception {
        stop(); // a demo whose cold start lasts long enough to be seen
        demo = DemoEndpoint.start(DemoConfig.defaults().withColdStart(Duration.ofSeconds(30)).withWorkers(1));
        owned = new OwnedEndpoint("demo", PRICE, new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), "k")
                .withRetry(RetryPolicy.NONE)), new OkHttpRunpodClient(RunpodConfig.of(demo.baseUrl(), "demo", "k")),
                new KeepWarm(dir.resolve("keep-warm.json"), clock), new EndpointMemory(dir.resolve("endpoints.json")));
        ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService fx = Executors.newSingleThreadExecutor();
        try {
            var vm = new EndpointPanelModel(owned, List::of, List::of, clock, ZoneOffset.UTC, io, fx);
            owned.queue().run(Fixtures.tutorialInput(), RunPolicy.DEFAULT); // a worker begins its cold start
            vm.setWatched(true);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                vm.refresh().join();
                assertThat(fx.submit(() -> List.copyOf(vm.workers())).get())
                        .anyMatch(w -> w.state() == EndpointWorkers.State.INITIALIZING);
                assertThat(fx.submit(() -> vm.log().titleProperty().get()).get()).endsWith("(initializing)");
                assertThat(fx.submit(() -> String.join("\n", vm.log().lines())).get()).contains("Pulling image");
            });
            vm.close();
        } finally {
            io.shutdownNow();
            fx.shutdownNow();
        }
    }
}
