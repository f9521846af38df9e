package dev.easel;

import dev.easel.demo.DemoConfig;
import dev.easel.settings.AppFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
        org.awaitility.Awaitility.await().untilTrue(ran);

        context.close();
        ran.set(false);
        assertThatCode(() -> context.io().execute(() -> ran.set(true))).doesNotThrowAnyException();
        Thread.sleep(100);
        assertThat(ran).as("dropped, not run").isFalse();
    }
}
