package dev.easel.ui.settings;

import dev.easel.api.HealthResponse;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.FileSecretStore;
import dev.easel.settings.Secrets;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import dev.easel.workflow.TemplateLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SettingsViewModelIT {

    @TempDir
    Path dir;

    private SettingsViewModel vm(SettingsStore store, FileSecretStore secrets) {
        return new SettingsViewModel(store, new Secrets(secrets, Map.of()), dir.resolve("pictures"), store.load().settings(),
                new TemplateLibrary(dir.resolve("t")).all(), Runnable::run, Runnable::run);
    }

    @Test
    void addAProfileTestItAndMakeItActiveWithTheKeyInTheSecretStoreOnly() throws Exception {
        try (DemoEndpoint server = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey("rpa_RIGHTKEY12345678"))) {
            SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
            FileSecretStore secrets = new FileSecretStore(dir.resolve("secrets.json"));
            SettingsViewModel vm = vm(store, secrets);
            assertThat(vm.editableProperty().get()).as("the demo profile is not editable").isFalse();

            vm.addProfile();
            vm.nameProperty().set("My 4090");
            vm.endpointIdProperty().set("abc123");
            vm.baseUrlProperty().set(server.baseUrl().toString());
            vm.apiKeyProperty().set("wrong");
            vm.testConnection().join();
            assertThat(vm.testResultProperty().get()).contains("refused (401)");

            vm.defaultTemplateProperty().set(vm.templates().stream().filter(t -> t.id().equals("sdxl")).findFirst()
                    .orElseThrow());
            vm.apiKeyProperty().set("rpa_RIGHTKEY12345678");
            vm.testConnection().join();
            assertThat(vm.testResultProperty().get()).startsWith("Connected. Workers: 2 idle");

            assertThat(vm.save(true).join()).as("the active profile changed").isTrue();
            Settings saved = store.load().settings();
            assertThat(saved.activeProfile().name()).isEqualTo("My 4090");
            assertThat(saved.activeProfile().endpointId()).isEqualTo("abc123");
            assertThat(saved.activeProfile().defaultTemplate()).isEqualTo("sdxl");
            assertThat(secrets.get(saved.activeProfileId())).contains("rpa_RIGHTKEY12345678");
            assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("RIGHTKEY");
            assertThat(vm.apiKeyProperty().get()).as("the key is never shown back").isEmpty();
            assertThat(vm.keyStatusProperty().get()).startsWith("A key is stored");
        }
    }

    @Test
    void badFieldsAreExplainedAndNothingIsSaved() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        SettingsViewModel vm = vm(store, new FileSecretStore(dir.resolve("s.json")));
        vm.addProfile();
        vm.endpointIdProperty().set("not an id!");
        assertThat(vm.save(true).join()).isFalse();
        assertThat(vm.messageProperty().get()).contains("endpoint id");
        vm.endpointIdProperty().set("abc");
        vm.baseUrlProperty().set("http://api.example.com/v2");
        assertThat(vm.save(true).join()).isFalse();
        assertThat(vm.messageProperty().get()).contains("https");
        vm.baseUrlProperty().set("http://127.example.com/v2"); // looks local, isn't: the client would refuse it
        assertThat(vm.save(true).join()).isFalse();
        assertThat(vm.messageProperty().get()).contains("https");
        vm.baseUrlProperty().set("");
        vm.priceProperty().set("cheap");
        assertThat(vm.save(true).join()).isFalse();
        assertThat(vm.messageProperty().get()).contains("price");
        assertThat(Files.exists(dir.resolve("settings.json"))).isFalse();
    }

    @Test
    void aColdStartIsCalledOut() {
        String text = ConnectionTestModel.describe(HealthResponse.class.cast(
                new HealthResponse(Map.of("inQueue", 2L), Map.of("idle", 0L,
                        "initializing", 1L))));
        assertThat(text).contains("No worker is idle").contains("1 starting").contains("2 in queue");
    }

    /** Adds a Runpod endpoint with a key and saves; the answer is save's. */
    private static boolean addWithKey(SettingsViewModel vm, boolean use) {
        vm.addProfile();
        vm.endpointIdProperty().set("abc123");
        vm.apiKeyProperty().set("rpa_SECRETKEY0000000");
        return vm.save(use).join();
    }

    @Test
    void removingAnEndpointForgetsItsKeyWhenSavedAndTheDemoTakesOverWhenItWasActive() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        FileSecretStore secrets = new FileSecretStore(dir.resolve("secrets.json"));
        assertThat(addWithKey(vm(store, secrets), true)).isTrue();
        String id = store.load().settings().activeProfileId();
        assertThat(secrets.get(id)).isPresent();

        SettingsViewModel again = vm(store, secrets);
        assertThat(again.selectedProperty().get().id()).isEqualTo(id);
        await().until(() -> again.keyStoredProperty().get());
        again.deleteProfile();
        assertThat(again.profiles()).extracting(EndpointProfile::id).doesNotContain(id);
        assertThat(secrets.get(id)).as("nothing happens before Save").isPresent();
        assertThat(again.save(false).join()).as("the studio starts again, on the demo").isTrue();
        Settings saved = store.load().settings();
        assertThat(saved.profiles()).extracting(EndpointProfile::id).doesNotContain(id);
        assertThat(saved.activeProfile().demo()).isTrue();
        assertThat(secrets.get(id)).as("its key is forgotten").isEmpty();
        assertThat(again.messageProperty().get()).contains("Easel now uses");

        again.selectedProperty().set(again.profiles().getFirst());
        again.deleteProfile();
        assertThat(again.profiles()).as("the demo can't be removed").hasSize(1);
    }

    @Test
    void forgetKeyDeletesTheStoredKeyAtOnce() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        FileSecretStore secrets = new FileSecretStore(dir.resolve("secrets.json"));
        SettingsViewModel vm = vm(store, secrets);
        addWithKey(vm, false);
        String id = vm.selectedProperty().get().id();
        await().until(() -> vm.keyStoredProperty().get());
        vm.forgetKey().join();
        assertThat(secrets.get(id)).isEmpty();
        assertThat(vm.keyStoredProperty().get()).isFalse();
        assertThat(vm.keyStatusProperty().get()).isEqualTo("No key stored yet.");
        assertThat(vm.messageProperty().get()).contains("is forgotten");
    }

    @Test
    void aFolderEaselCannotWriteToIsRefusedAndNothingIsSaved() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        SettingsViewModel vm = vm(store, new FileSecretStore(dir.resolve("s.json")));
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        vm.outputDirProperty().set(file.resolve("pictures").toString());
        assertThat(vm.save(false).join()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("Could not save: Easel can't save pictures in")
                .contains("Choose a folder you can write to");
        assertThat(Files.exists(dir.resolve("settings.json"))).as("nothing saved").isFalse();

        vm.outputDirProperty().set("relative/folder");
        assertThat(vm.save(false).join()).isFalse();
        assertThat(vm.messageProperty().get()).contains("not a full path");

        Path good = dir.resolve("my pictures");
        vm.outputDirProperty().set(good.toString());
        assertThat(vm.save(false).join()).as("the studio starts again, saving there").isTrue();
        assertThat(Files.isDirectory(good)).isTrue();
        assertThat(store.load().settings().outputDir()).isEqualTo(good.toString());
        assertThat(vm.messageProperty().get()).contains("New pictures go to " + good);
        assertThat(vm.save(false).join()).as("the same folder again: no restart").isFalse();
    }

    @Test
    void theDefaultFolderShownIsTheRealOne() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        SettingsViewModel vm = vm(store, new FileSecretStore(dir.resolve("s.json")));
        assertThat(vm.defaultOutputDir()).isEqualTo(dir.resolve("pictures"));
        assertThat(vm.outputFolderShown()).isEqualTo(dir.resolve("pictures").toString());
    }

    @Test
    void theEnvironmentsKeyIsSaidAndTestConnectionUsesItAsJobsDo() throws Exception {
        try (DemoEndpoint server = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey("rpa_FROMENV000000000"))) {
            SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
            FileSecretStore secrets = new FileSecretStore(dir.resolve("secrets.json"));
            var vm = new SettingsViewModel(store, new Secrets(secrets, Map.of(Secrets.ENV, "rpa_FROMENV000000000")),
                    dir.resolve("pictures"), store.load().settings(), new TemplateLibrary(dir.resolve("t")).all(),
                    Runnable::run, Runnable::run);
            vm.addProfile();
            vm.endpointIdProperty().set("abc123");
            vm.baseUrlProperty().set(server.baseUrl().toString());
            await().until(() -> !vm.keyStatusProperty().get().isEmpty());
            assertThat(vm.keyStatusProperty().get()).startsWith("Jobs use the key in RUNPOD_API_KEY")
                    .doesNotContain("FROMENV");
            vm.testConnection().join();
            assertThat(vm.testResultProperty().get()).startsWith("Connected.");
        }
    }
}
