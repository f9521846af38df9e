package dev.easel.settings;

import dev.easel.text.Messages;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsAndSecretsTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void defaultsWhenThereIsNoFile() {
        SettingsStore.Loaded l = new SettingsStore(dir.resolve("settings.json"), clock).load();
        assertThat(l.note()).isNull();
        assertThat(l.settings().activeProfile().demo()).isTrue();
        assertThat(l.settings().schemaVersion()).isEqualTo(Settings.SCHEMA_VERSION);
    }

    @Test
    void aSettingsFileFromBeforeTheConfirmationSettingGetsItsDefault() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"profiles\":[],\"activeProfileId\":\"demo\",\"theme\":\"system\"}");
        Settings s = new SettingsStore(file, clock).load().settings();
        assertThat(s.confirmJobsOver()).isEqualTo(Settings.DEFAULT_CONFIRM_JOBS_OVER);
    }

    @Test
    void twoWritersInOneProcessNeverUndoEachOthersChange() throws Exception {
        SettingsStore prompts = new SettingsStore(dir.resolve("settings.json"), clock);
        SettingsStore dialog = new SettingsStore(dir.resolve("settings.json"), clock);
        var a = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                try {
                    prompts.update(s -> s.withRecentPrompts(List.of("prompt " + n)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        var b = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                try {
                    dialog.update(s -> new Settings(s.schemaVersion(), s.profiles(), s.activeProfileId(), "/out/" + n,
                            s.theme(), s.recentPrompts(), s.confirmJobsOver()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        a.join();
        b.join();
        Settings s = prompts.load().settings();
        assertThat(s.recentPrompts()).containsExactly("prompt 99");
        assertThat(s.outputDir()).isEqualTo("/out/99");
    }

    @Test
    void quickChangesAreGatheredAndWrittenTogetherInTheOrderAsked() throws Exception {
        Path file = dir.resolve("settings.json");
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try (SettingsStore store = new SettingsStore(file, clock, scheduler, Duration.ofHours(1))) {
            store.updateLater(s -> s.withRecentPrompts(List.of("a")));
            store.updateLater(s -> s.withRecentPrompts(Stream.concat(Stream.of("b"),
                    s.recentPrompts().stream()).toList()));
            store.updateLater(s -> s.withProfileModels("demo", List.of("sdxl.safetensors")));
            assertThat(file).as("nothing written during the quiet time").doesNotExist();

            store.flush();

            Settings s = store.load().settings();
            assertThat(s.recentPrompts()).containsExactly("b", "a");
            assertThat(s.activeProfile().models()).containsExactly("sdxl.safetensors");
            store.updateLater(x -> x.withRecentPrompts(List.of("last")));
        } finally {
            scheduler.shutdownNow();
        }
        assertThat(new SettingsStore(file, clock).load().settings().recentPrompts()).as("closing writes what waits")
                .containsExactly("last");
    }

    @Test
    void aQuietTimeEndsWithTheWrite() {
        Path file = dir.resolve("settings.json");
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            SettingsStore store = new SettingsStore(file, clock, scheduler, Duration.ofMillis(20));
            store.updateLater(s -> s.withRecentPrompts(List.of("soon")));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    new SettingsStore(file, clock).load().settings().recentPrompts().equals(List.of("soon")));
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void profilesRoundTripAtomically() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), clock);
        EndpointProfile mine = EndpointProfile.runpod("My 4090", "32vgrms732dkwi");
        Settings s = new Settings(1, List.of(EndpointProfile.demoProfile(), mine), mine.id(), "/tmp/out", "dark",
                List.of("a fox"), 25);
        store.save(s);
        assertThat(store.load().settings()).isEqualTo(s);
        assertThat(store.load().settings().confirmJobsOver()).isEqualTo(25);
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("settings.json");
        }
    }

    @Test
    void aCorruptFileIsKeptAsideAndDefaultsLoad() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"schemaVersion\": 1, \"profiles\": [tru");
        SettingsStore.Loaded l = new SettingsStore(f, clock).load();
        assertThat(l.settings()).isEqualTo(Settings.defaults());
        assertThat(Messages.get(l.note())).contains("could not be read").contains("settings.json.corrupt-20261124-100000");
        assertThat(Files.readString(dir.resolve("settings.json.corrupt-20261124-100000"))).contains("[tru");
    }

    @Test
    void aNewerSchemaIsLeftAlone() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"schemaVersion\": 99, \"profiles\": [], \"activeProfileId\": \"x\"}");
        SettingsStore.Loaded l = new SettingsStore(f, clock).load();
        assertThat(Messages.get(l.note())).contains("newer Easel");
        assertThat(Files.readString(f)).contains("99");
    }

    @Test
    void theKeyFileIsOwnerOnlyAndTheKeyNeverReachesSettings() throws Exception {
        Path keys = dir.resolve("config/secrets.json");
        FileSecretStore store = new FileSecretStore(keys);
        store.put("p1", "rpa_SECRET123456789");
        assertThat(store.get("p1")).contains("rpa_SECRET123456789");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        store.delete("p1");
        assertThat(store.get("p1")).isEmpty();

        SettingsStore settings = new SettingsStore(dir.resolve("settings.json"), clock);
        settings.save(Settings.defaults());
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("rpa_").doesNotContain("apiKey");
    }

    @Test
    void theKeychainIsOnlyOpenedWhenAKeyMustComeFromIt() throws Exception {
        FileSecretStore store = new FileSecretStore(dir.resolve("s.json"));
        EndpointProfile mine = EndpointProfile.runpod("mine", "abc");
        store.put(mine.id(), "stored");
        var opened = new AtomicInteger();
        Supplier<SecretStore> opener = () -> {
            opened.incrementAndGet();
            return store;
        };
        assertThat(new Secrets(opener, Map.of()).apiKey(EndpointProfile.demoProfile())).contains("demo");
        assertThat(new Secrets(opener, Map.of("RUNPOD_API_KEY", "fromenv")).apiKey(mine)).contains("fromenv");
        assertThat(opened).hasValue(0);
        Secrets secrets = new Secrets(opener, Map.of());
        assertThat(secrets.apiKey(mine)).contains("stored");
        assertThat(secrets.apiKey(mine)).contains("stored");
        assertThat(secrets.store()).isSameAs(store);
        assertThat(opened).hasValue(1);
    }

    @Test
    void theEnvironmentOverridesTheStoreButNotTheDemo() throws Exception {
        FileSecretStore store = new FileSecretStore(dir.resolve("s.json"));
        EndpointProfile mine = EndpointProfile.runpod("mine", "abc");
        store.put(mine.id(), "stored");
        assertThat(new Secrets(store, Map.of()).apiKey(mine)).contains("stored");
        Secrets env = new Secrets(store, Map.of("RUNPOD_API_KEY", " fromenv "));
        assertThat(env.apiKey(mine)).contains("fromenv");
        assertThat(env.overriddenByEnvironment()).isTrue();
        assertThat(env.apiKey(EndpointProfile.demoProfile())).contains("demo");
    }

    @Test
    void openingTheKeychainNeverThrowsWhereThereIsNone() {
        // on a headless machine without a Secret Service there is none: the caller falls back to the file
        assertThat(KeychainSecretStore.open()).satisfiesAnyOf(o -> assertThat(o).isEmpty(),
                o -> assertThat(o.get().place()).isInstanceOf(SecretStore.Place.Keychain.class));
    }
}
