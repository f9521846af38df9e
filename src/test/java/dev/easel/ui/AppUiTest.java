package dev.easel.ui;

import dev.easel.App;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole app as a user starts it: a window that says what is coming, on a real embedded demo endpoint. */
class AppUiTest {

    private final FxRobot robot = new FxRobot();
    private javafx.application.Application app;

    @BeforeEach
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(App.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void theWindowOpensAndTheEmbeddedDemoEndpointRuns() {
        Window window = robot.listTargetWindows().stream().filter(Window::isShowing).findFirst().orElseThrow();
        assertThat(((Stage) window).getTitle()).isEqualTo("Easel");
        Label status = robot.lookup("#demoStatus").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> status.getText().contains("is running at http://127.0.0.1:"));
        assertThat(robot.lookup("#copyCurlButton").queryButton().isDisabled()).isFalse();
    }
}
