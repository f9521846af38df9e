package dev.easel.ui.studio;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.ui.fx.Truncation;
import dev.easel.workflow.Template;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At the smallest size the studio is made for, 1024×700, no label, button or placeholder is cut short. */
class LayoutUiTest {

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
    }

    private List<String> cutIn(Parent root) {
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            root.applyCss();
            root.layout();
            cut.addAll(Truncation.in(root));
        });
        return cut;
    }

    @Test
    void atTheSmallestSizeNothingInTheStudioOrSettingsIsCutShort() throws Exception {
        app = RunningStudio.launch(home, robot);
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Parent root = stage.getScene().getRoot();
        assertThat(cutIn(root)).as("the empty studio").isEmpty();

        robot.clickOn("#generateButton");
        @SuppressWarnings("unchecked")
        ListView<Job> queue = robot.lookup("#queueList").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.getItems().stream()
                .anyMatch(j -> j.phase() == JobPhase.COMPLETED));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("a finished job in the queue, its picture in the gallery").isEmpty();

        @SuppressWarnings("unchecked")
        ComboBox<Template> templates = robot.lookup("#templateBox").queryAs(ComboBox.class);
        robot.interact(() -> templates.getSelectionModel().select(templates.getItems().stream()
                .filter(t -> t.id().endsWith("img2img")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("the image-to-image template").isEmpty();

        robot.clickOn("#showJsonButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#jsonStatus").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutIn(root)).as("with the JSON panel open").isEmpty();

        robot.clickOn("#settingsButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#settingsTabs").tryQuery().isPresent());
        TabPane tabs = robot.lookup("#settingsTabs").queryAs(TabPane.class);
        Parent settings = tabs.getScene().getRoot();
        assertThat(cutIn(settings)).as("Settings → Endpoints").isEmpty();
        robot.clickOn("#addProfileButton");
        assertThat(cutIn(settings)).as("Settings → a new endpoint").isEmpty();
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertThat(cutIn(settings)).as("Settings → General").isEmpty();
        Window dialog = tabs.getScene().getWindow();
        assertThat(dialog.getWidth()).isLessThanOrEqualTo(1024);
        assertThat(dialog.getHeight()).isLessThanOrEqualTo(700);
    }
}
