package dev.easel;

import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointDraft;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.api.RetryPolicy;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.jobs.KeepWarm;
import dev.easel.settings.AppFolders;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep warm across a crash: Easel is killed while a spell runs (nothing ends it), and the next start gives the min
 * workers back, the active profile's when its time is up and another profile's at once; a normal close ends it too.
 */
class WarmSpellsIT {

    private static final String KEY = "rpa_WARMSPELLKEY1234567890";

    @TempDir
    Path home;
    private DemoEndpoint runpod;
    private OkHttpRunpodAccount account;
    private AppFolders folders;
    private AccountEndpoint first;
    private AccountEndpoint second;

    @BeforeEach
    void start() throws Exception {
        runpod = DemoEndpoint.start(DemoConfig.fast().withExpectedApiKey(KEY));
        account = new OkHttpRunpodAccount(AccountConfig.of(runpod.baseUrl(), KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.NONE));
        first = account.create(draft("first"));
        second = account.create(draft("second"));
        folders = AppFolders.under(home);
        String base = runpod.baseUrl().toString();
        var p1 = new EndpointProfile("p1", "First", first.id(), base, 0.00031, List.of(), "flux1-dev-fp8", false);
        var p2 = new EndpointProfile("p2", "Second", second.id(), base, 0.00031, List.of(), "flux1-dev-fp8", false);
        try (var store = new SettingsStore(folders.config().resolve("settings.json"), Clock.systemUTC())) {
            store.save(new Settings(1, List.of(EndpointProfile.demoProfile(), p1, p2), "p1", null, "system",
                    List.of()));
        }
        Files.createDirectories(folders.config());
        Files.writeString(folders.config().resolve("secrets.json"), "{\"p1\":\"" + KEY + "\",\"p2\":\"" + KEY + "\"}");
    }

    @AfterEach
    void stop() {
        account.close();
        runpod.close();
    }

    private static EndpointDraft draft(String name) {
        return new EndpointDraft(name, "runpod/worker-comfyui:5.8.5-flux1-dev-fp8", List.of("ADA_24"), 1, List.of(),
                0, 3, 5, 4, "FLASHBOOT", 600_000, 20, Map.of(), List.of());
    }

    /** A spell started by an earlier run at {@code at}, which was then killed. */
    private void leftBy(String profileId, AccountEndpoint e, Instant at, Duration length) {
        var warm = new KeepWarm(folders.data().resolve("keep-warm").resolve(profileId + ".json"),
                Clock.fixed(at, ZoneOffset.UTC));
        warm.start(account, e.id(), 1, length);
    }

    @Test
    void theNextStartGivesBackTheMinOfASpellWhoseTimeRanOutAndEndsOtherProfilesSpells() throws Exception {
        leftBy("p1", first, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(30)); // due long ago
        leftBy("p2", second, Instant.now(), Duration.ofMinutes(30)); // not due, but no window shows its clock
        assertThat(account.endpoint(first.id()).workersMin()).isEqualTo(1);
        assertThat(account.endpoint(second.id()).workersMin()).isEqualTo(1);

        try (var context = new AppContext(folders, DemoConfig.fast())) {
            var services = context.services().get(30, TimeUnit.SECONDS);
            assertThat(services.profile().id()).isEqualTo("p1");
            context.resumed().get(30, TimeUnit.SECONDS);
            assertThat(account.endpoint(first.id()).workersMin()).as("given back at the start").isZero();
            assertThat(account.endpoint(second.id()).workersMin()).as("another profile's, at once").isZero();
            assertThat(services.owned().warm().current()).isEmpty();
        }
        try (var files = Files.list(folders.data().resolve("keep-warm"))) {
            assertThat(files).as("nothing left to give back").isEmpty();
        }
    }

    @Test
    void aSpellStillRunningGoesOnAfterTheStartAndEndsWhenEaselCloses() throws Exception {
        leftBy("p1", first, Instant.now(), Duration.ofMinutes(30));
        var context = new AppContext(folders, DemoConfig.fast());
        var services = context.services().get(30, TimeUnit.SECONDS);
        context.resumed().get(30, TimeUnit.SECONDS);
        assertThat(account.endpoint(first.id()).workersMin()).as("its time is not up").isEqualTo(1);
        assertThat(services.owned().warm().current()).isPresent();

        context.close();
        assertThat(account.endpoint(first.id()).workersMin()).as("ended with the app").isZero();
        assertThat(Files.exists(folders.data().resolve("keep-warm/p1.json"))).isFalse();
    }
}
