package dev.easel.ui.settings;

import dev.easel.api.AccountConfig;
import dev.easel.api.EndpointDraft;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.RetryPolicy;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.FileSecretStore;
import dev.easel.settings.Secrets;
import dev.easel.settings.SettingsStore;
import dev.easel.workflow.WorkerImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Connect by key: the account's endpoints listed and recognised, profiles made from the chosen ones. */
class AccountConnectModelIT {

    private static final String KEY = "rpa_CONNECTKEY1234567890SECRET";

    @TempDir
    Path dir;
    private DemoEndpoint demo;
    private SettingsStore store;
    private FileSecretStore keys;

    @BeforeEach
    void start() throws Exception {
        demo = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey(KEY));
        store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        keys = new FileSecretStore(dir.resolve("secrets.json"));
    }

    @AfterEach
    void stop() {
        store.close();
        demo.close();
    }

    private OkHttpRunpodAccount account(URI at, String key) {
        return new OkHttpRunpodAccount(AccountConfig.of(at, key)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
    }

    private AccountConnectModel model(Map<String, String> env) {
        var vm = new AccountConnectModel(store, new Secrets(keys, env), this::account, Runnable::run, Runnable::run);
        vm.addressProperty().set(demo.baseUrl().toString());
        return vm;
    }

    @Test
    void listsTheAccountsEndpointsRecognisesWorkerComfyuiAndMakesProfilesWithTheKeyStored() throws Exception {
        try (var a = account(demo.baseUrl(), KEY)) {
            a.create(new EndpointDraft("my sdxl", WorkerImage.variant("sdxl").orElseThrow().image(), List.of("AMPERE_24"),
                    1, List.of(), 0, 2, 5, 4, "FLASHBOOT", 600_000, 15, Map.of(), List.of()));
            a.create(new EndpointDraft("an api server", "myorg/server:1.2", List.of("AMPERE_16"), 2, List.of(), 0, 1, 5, 4,
                    "OFF", 300_000, 5, Map.of(), List.of()));
        }
        AccountConnectModel vm = model(Map.of());
        vm.keyProperty().set(KEY);
        vm.list(Set.of("demo")).join();

        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.messageProperty().get()).isEqualTo("3 endpoints on this account; 2 run worker-comfyui.");
        var demoRow = vm.rows().getFirst();
        assertThat(demoRow.added()).as("a profile for it exists").isTrue();
        var sdxl = vm.rows().get(1);
        assertThat(sdxl.image().templateId()).isEqualTo("sdxl");
        assertThat(sdxl.summary()).isEqualTo("AMPERE_24 \u00b7 workers 0\u20132 \u00b7 runpod/worker-comfyui:5.8.5-sdxl");
        assertThat(sdxl.pricePerSecond()).as("the pool's catalog price per second").isCloseTo(0.684 / 3600, within(1e-9));
        var server = vm.rows().get(2);
        assertThat(server.image()).isNull();
        assertThat(server.recognised()).startsWith("Not worker-comfyui");
        assertThat(server.pricePerSecond()).as("two GPUs a worker").isCloseTo(2 * 0.576 / 3600, within(1e-9));
        assertThat(vm.chosen()).as("worker-comfyui endpoints not added yet are chosen").containsExactly(sdxl.endpoint().id());

        List<EndpointProfile> made = vm.addChosen().join();
        assertThat(made).hasSize(1);
        EndpointProfile p = made.getFirst();
        assertThat(p.name()).isEqualTo("my sdxl");
        assertThat(p.endpointId()).isEqualTo(sdxl.endpoint().id());
        assertThat(p.defaultTemplate()).isEqualTo("sdxl");
        assertThat(p.baseUrl()).as("a test server serves both APIs").isEqualTo(demo.baseUrl().toString());
        assertThat(p.models()).containsExactly("sd_xl_base_1.0.safetensors");
        assertThat(p.pricePerSecond()).isCloseTo(0.684 / 3600, within(1e-7));
        assertThat(keys.get(p.id())).contains(KEY);
        assertThat(store.load().settings().profiles()).extracting(EndpointProfile::endpointId)
                .containsExactly("demo", sdxl.endpoint().id());
        assertThat(vm.rows().get(1).added()).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("1 endpoint was added to Settings, the key stored for each.");
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain(KEY);

        assertThat(vm.addChosen().join()).as("nothing chosen is left").isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Choose at least one");
    }

    @Test
    void aRefusedKeyIsSaidAndNothingIsListedOrSaved() {
        AccountConnectModel vm = model(Map.of());
        vm.list(Set.of()).join();
        assertThat(vm.messageProperty().get()).isEqualTo("Enter the API key of your Runpod account first.");

        vm.keyProperty().set("rpa_WRONGKEY1234567890");
        vm.list(Set.of()).join();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Runpod refused the API key (401)");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.addChosen().join()).isEmpty();
        assertThat(store.load().settings().profiles()).hasSize(1);

        vm.addressProperty().set("http://api.example.com/v2");
        vm.list(Set.of()).join();
        assertThat(vm.messageProperty().get()).as("the key never goes to another machine in clear")
                .startsWith("Enter an https address");
    }

    @Test
    void runpodsManagementApiGoesWithItsQueueApi() {
        assertThat(AccountConfig.restBaseFor(EndpointProfile.RUNPOD)).isEqualTo(AccountConfig.RUNPOD_REST_URL);
        assertThat(AccountConfig.restBaseFor("https://api.runpod.ai/v2/")).isEqualTo(AccountConfig.RUNPOD_REST_URL);
        assertThat(AccountConfig.queueBaseFor(AccountConfig.RUNPOD_REST_URL)).isEqualTo(EndpointProfile.RUNPOD);
        assertThat(AccountConfig.restBaseFor("http://127.0.0.1:8000/v2")).hasToString("http://127.0.0.1:8000/v2");
        assertThat(AccountConfig.queueBaseFor(URI.create("http://127.0.0.1:8000/v2/"))).isEqualTo("http://127.0.0.1:8000/v2");
    }

    @Test
    void withNoKeyTypedTheEnvironmentsKeyIsUsed() {
        AccountConnectModel vm = model(Map.of(Secrets.ENV, KEY));
        assertThat(vm.messageProperty().get()).contains("RUNPOD_API_KEY");
        vm.list(Set.of()).join();
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.rows().getFirst().added()).isFalse();
    }
}
