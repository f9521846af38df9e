package dev.easel.ui.studio;

import dev.easel.App;
import javafx.application.Application;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/** The whole app, started in the test JVM on a home folder of the test's own (the demo runs fast unless asked). */
final class RunningStudio {

    private RunningStudio() {
    }

    static Application launch(Path home, FxRobot robot) throws Exception {
        System.setProperty("easel.home", home.toString());
        if (System.getProperty("easel.demo.timeScale") == null) {
            System.setProperty("easel.demo.timeScale", "0.02"); // fast, unless the test asked for real time
        }
        FxToolkit.registerPrimaryStage();
        Application app = FxToolkit.setupApplication(App.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#generateButton").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return app;
    }

    /** Reads {@code read} on the FX thread and waits for it. */
    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void close(Application app) throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("easel.home");
        System.clearProperty("easel.demo.timeScale");
    }
}
