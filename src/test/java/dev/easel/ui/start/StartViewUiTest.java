package dev.easel.ui.start;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class StartViewUiTest {

    private final CompletableFuture<URI> demoStart = new CompletableFuture<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        var vm = new StartViewModel(demoStart, Runnable::run, ResourceBundle.getBundle("dev.easel.messages"));
        var scene = new Scene(new StartView(vm), 820, 560);
        scene.getStylesheets().add(getClass().getResource("/dev/easel/easel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void saysWhatIsComingAndOffersTheDemoCurlOnceItRuns(FxRobot robot) {
        Label title = robot.lookup("#startTitle").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("Easel");
        assertThat(robot.lookup("#demoBadge").queryAs(Label.class).getText())
                .isEqualTo("Demo: images are procedural, not a model");
        VBox coming = robot.lookup("#comingList").queryAs(VBox.class);
        assertThat(coming.getChildren()).hasSize(5);
        Button copy = robot.lookup("#copyCurlButton").queryButton();
        assertThat(copy.isDisabled()).as("nothing to copy before the demo runs").isTrue();
        assertThat(robot.lookup("#demoStatus").queryAs(Label.class).getText()).contains("Starting");

        robot.interact(() -> demoStart.complete(URI.create("http://127.0.0.1:4567/v2")));
        assertThat(copy.isDisabled()).isFalse();
        assertThat(robot.lookup("#curlCommand").queryAs(Label.class).isVisible()).isTrue();

        robot.clickOn("#copyCurlButton");
        WaitForAsyncUtils.waitForFxEvents();
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).startsWith("curl -X POST http://127.0.0.1:4567/v2/demo/run");
    }
}
