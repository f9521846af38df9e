package dev.easel.ui.endpoint;

import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.RetryPolicy;
import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodException;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.FileSecretStore;
import dev.easel.settings.Secrets;
import dev.easel.settings.SettingsStore;
import dev.easel.text.Text;
import dev.easel.workflow.WorkerImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The deploy wizard against the demo's management API: the catalog, the cost before, one endpoint made, its profile. */
class DeployModelIT {

    private static final String KEY = "rpa_DEPLOYKEY1234567890SECRET";

    @TempDir
    Path dir;
    private DemoEndpoint demo;
    private OkHttpRunpodAccount account;
    private SettingsStore store;
    private FileSecretStore keys;
    private EndpointProfile connected;

    @BeforeEach
    void start() throws Exception {
        demo = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey(KEY));
        account = new OkHttpRunpodAccount(AccountConfig.of(demo.baseUrl(), KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
        store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        keys = new FileSecretStore(dir.resolve("secrets.json"));
        // a profile made by "Connect Runpod account" against this stand-in for Runpod
        connected = new EndpointProfile("p1", "my flux", "demo", demo.baseUrl().toString(), 1.116 / 3600,
                List.of("flux1-dev-fp8.safetensors"), "flux1-dev-fp8", false);
        keys.put("p1", KEY);
        store.update(s -> s.withProfilesAdded(List.of(connected)));
    }

    @AfterEach
    void stop() {
        account.close();
        store.close();
        demo.close();
    }

    private DeployModel model(RunpodAccount on) {
        return new DeployModel(on, connected, store, new Secrets(keys, Map.of()), Runnable::run, Runnable::run);
    }

    @Test
    void theCatalogsPoolsAreListedCheapestFirstAndTheVariantsPoolIsChosen() {
        var vm = model(account);
        vm.load().join();
        assertThat(vm.pools()).extracting(DeployModel.Pool::id).startsWith("AMPERE_16", "AMPERE_24", "ADA_24");
        assertThat(vm.poolProperty().get().id()).isEqualTo(WorkerImage.VARIANTS.getFirst().pool());
        assertThat(vm.poolProperty().get().label()).isEqualTo("ADA_24 \u00b7 $1.12/h \u00b7 availability HIGH \u00b7 RTX 4090");
        assertThat(vm.volumes()).first().isEqualTo(Optional.empty());
        assertThat(vm.nameProperty().get()).isEqualTo("easel-flux1-dev-fp8");
        vm.variantProperty().set(WorkerImage.variant("sdxl").orElseThrow());
        assertThat(vm.nameProperty().get()).as("a default name follows the variant").isEqualTo("easel-sdxl");
    }

    @Test
    void theCostOfTheChoicesIsSaidBeforeAnythingIsMade() {
        var vm = model(account);
        vm.load().join();
        vm.idleProperty().set(5);
        vm.minProperty().set(0);
        vm.maxProperty().set(3);
        // ADA_24 at $1.116/h = $0.00031/s: 5 s idle $0.0016, a 15 s job $0.0047, a 45 s cold start $0.0140
        assertThat(vm.costBinding().get()).isEqualTo("Each burst of jobs ends with 5 s of idle per worker: $0.0016. "
                + "A job of ~15 s on a warm worker costs ~$0.0047; a cold start adds ~45 s ($0.0140). "
                + "Min workers 0: nothing is billed while no job runs. At most 3 workers at once: $3.35/h when all run.");
        vm.minProperty().set(1);
        assertThat(vm.costBinding().get()).contains("Min workers 1: $1.12/h ($26.78 a day) whether jobs run or not.");
        assertThat(account.endpoints()).as("nothing made yet").hasSize(1);
    }

    @Test
    void deployMakesOneEndpointAndAProfileWithTheAccountsKey() throws Exception {
        var vm = model(account);
        vm.load().join();
        vm.variantProperty().set(WorkerImage.variant("sdxl").orElseThrow());
        vm.poolProperty().set(vm.pools().stream().filter(p -> p.id().equals("AMPERE_24")).findFirst().orElseThrow());
        vm.idleProperty().set(7);
        vm.maxProperty().set(2);

        Optional<EndpointProfile> made = vm.deploy().join();
        assertThat(made).isPresent();
        EndpointProfile p = made.get();
        AccountEndpoint e = account.endpoint(p.endpointId());
        assertThat(e.name()).isEqualTo("easel-sdxl");
        assertThat(e.image()).isEqualTo(WorkerImage.variant("sdxl").orElseThrow().image());
        assertThat(e.gpuPools()).containsExactly("AMPERE_24");
        assertThat(e.workersMin()).isZero();
        assertThat(e.workersMax()).isEqualTo(2);
        assertThat(e.idleTimeout()).isEqualTo(7);
        assertThat(e.flashboot()).isEqualToIgnoringCase("FLASHBOOT");
        assertThat(p.baseUrl()).isEqualTo(demo.baseUrl().toString());
        assertThat(p.defaultTemplate()).isEqualTo("sdxl");
        assertThat(p.pricePerSecond()).isCloseTo(0.684 / 3600, within(1e-7));
        assertThat(keys.get(p.id())).contains(KEY);
        assertThat(store.load().settings().profiles()).extracting(EndpointProfile::name)
                .contains("my flux", "easel-sdxl");
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain(KEY);
        assertThat(vm.madeProperty().get()).as("not offered twice").isTrue();
        assertThat(vm.messageProperty().get()).startsWith("easel-sdxl is created and its profile added to Settings.");
    }

    @Test
    void badChoicesAreSaidAndNothingIsSent() {
        var vm = model(account);
        vm.load().join();
        vm.nameProperty().set("  ");
        assertThat(vm.deploy().join()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Give the endpoint a name.");
        vm.nameProperty().set("x");
        vm.minProperty().set(3);
        vm.maxProperty().set(2);
        assertThat(vm.deploy().join()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Max workers must be at least 1");
        assertThat(account.endpoints()).hasSize(1);
    }

    @Test
    void anInvalidDraftComesBackAsRunpodsSentenceAndNoProfileIsMade() {
        var vm = model(account);
        vm.load().join();
        vm.idleProperty().set(0); // the spinner stops at 1; Runpod's 422 is what would say so
        assertThat(vm.deploy().join()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("The endpoint was not created:").contains("idleTimeout");
        assertThat(store.load().settings().profiles()).hasSize(2);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotSentTwice() {
        var creates = new AtomicInteger();
        RunpodAccount lossy = (RunpodAccount) Proxy.newProxyInstance(RunpodAccount.class.getClassLoader(),
                new Class<?>[] {RunpodAccount.class}, (proxy, m, args) -> {
                    Object r = m.invoke(account, args);
                    if (m.getName().equals("create") && creates.incrementAndGet() == 1) {
                        // it reached Runpod and was made; the answer was lost on the way back
                        throw new RunpodException(RunpodException.Kind.SUBMISSION_UNKNOWN,
                                Text.of("api.net.brokeOff", "demo"), "");
                    }
                    return r;
                });
        var vm = model(lossy);
        vm.load().join();
        assertThat(vm.deploy().join()).isEmpty();
        assertThat(vm.madeProperty().get()).isFalse();

        Optional<EndpointProfile> second = vm.deploy().join(); // the user clicks Create again
        assertThat(second).isPresent();
        assertThat(creates).as("the endpoint made by the first try is taken").hasValue(1);
        assertThat(account.endpoints()).extracting(AccountEndpoint::name).containsOnlyOnce("easel-flux1-dev-fp8");
        assertThat(second.get().endpointId()).isEqualTo(account.endpoints().stream()
                .filter(x -> x.name().equals("easel-flux1-dev-fp8")).findFirst().orElseThrow().id());
    }

    @Test
    void theWizardOnTheDemoMakesTheEndpointButNoProfile() {
        var vm = new DeployModel(account, EndpointProfile.demoProfile(), store, new Secrets(keys, Map.of()),
                Runnable::run, Runnable::run);
        vm.load().join();
        assertThat(vm.deploy().join()).isEmpty();
        assertThat(vm.messageProperty().get()).contains("lasts until Easel closes");
        assertThat(store.load().settings().profiles()).hasSize(2);
    }
}
