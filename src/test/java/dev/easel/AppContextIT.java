package dev.easel;

import dev.easel.demo.DemoConfig;
import dev.easel.settings.AppFolders;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import dev.easel.text.Messages;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class AppContextIT {

    @TempDir
    Path home;

    @Test
    void workAskedForAfterTheAppClosedIsDroppedNotThrown() throws Exception {
        var context = new AppContext(AppFolders.under(home), DemoConfig.defaults().withTimeScale(0.05));
        var services = context.services().get(30, TimeUnit.SECONDS);
        assertThat(services.profile().demo()).isTrue();
        assertThat(context.resumed().get(30, TimeUnit.SECONDS)).as("the rescan ran, then the queue started")
                .satisfies(r -> assertThat(r.changed()).isFalse());
        var ran = new AtomicBoolean();
        context.io().execute(() -> ran.set(true));
        Awaitility.await().untilTrue(ran);

        context.close();
        ran.set(false);
        assertThatCode(() -> context.io().execute(() -> ran.set(true))).doesNotThrowAnyException();
        Thread.sleep(100);
        assertThat(ran).as("dropped, not run").isFalse();
    }

    @Test
    void anEndpointThatCantBeUsedOpensOnTheDemoAndSaysWhy() throws Exception {
        var folders = AppFolders.under(home);
        var mine = new EndpointProfile("mine", "My 4090", "not an id!", "https://api.runpod.ai/v2",
                0.00031, List.of(), "flux1-dev-fp8", false);
        new SettingsStore(folders.config().resolve("settings.json"), Clock.systemUTC())
                .save(new Settings(1, List.of(EndpointProfile.demoProfile(),
                        mine), "mine", null, "system", List.of()));
        try (var context = new AppContext(folders, DemoConfig.defaults().withTimeScale(0.05))) {
            var services = context.services().get(30, TimeUnit.SECONDS);
            assertThat(services.profile().demo()).isTrue();
            assertThat(Messages.get(services.settingsNote()))
                    .startsWith("The endpoint \u201cMy 4090\u201d can't be used: The endpoint id")
                    .contains("Settings");
            context.resumed().get(30, TimeUnit.SECONDS);
        }
        // easel generate names the profile it was asked for: it says no instead of sending to the demo
        try (var cli = new AppContext(folders, DemoConfig.defaults().withTimeScale(0.05),
                Settings::activeProfile)) {
            assertThatCode(() -> cli.services().get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class);
        }
    }
}
