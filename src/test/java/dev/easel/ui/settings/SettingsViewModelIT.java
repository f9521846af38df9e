package dev.easel.ui.settings;

import dev.easel.api.HealthResponse;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.settings.FileSecretStore;
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

class SettingsViewModelIT {

    @TempDir
    Path dir;

    private SettingsViewModel vm(SettingsStore store, FileSecretStore secrets) {
        return new SettingsViewModel(store, secrets, store.load().settings(),
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
        String text = SettingsViewModel.describe(HealthResponse.class.cast(
                new HealthResponse(Map.of("inQueue", 2L), Map.of("idle", 0L,
                        "initializing", 1L))));
        assertThat(text).contains("No worker is idle").contains("1 starting").contains("2 in queue");
    }
}
