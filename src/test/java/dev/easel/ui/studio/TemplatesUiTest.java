package dev.easel.ui.studio;

import dev.easel.ui.prompt.PromptArea;
import dev.easel.workflow.Template;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.easel.ui.studio.RunningStudio.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Save as template, rename and delete, in the running studio: the graph being edited is never lost. */
class TemplatesUiTest {

    @TempDir
    Path home;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @AfterEach
    void close() throws Exception {
        RunningStudio.close(app);
    }

    private boolean shown(String id) throws Exception {
        return onFx(() -> robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    @SuppressWarnings("unchecked")
    private Template chosen() throws Exception {
        return onFx(() -> ((ComboBox<Template>) robot.lookup("#templateBox").queryAs(ComboBox.class)).getValue());
    }

    private Button button(String text) {
        return robot.lookup((Button b) -> text.equals(b.getText())).queryAs(Button.class);
    }

    private void menu(String item) {
        robot.clickOn("#templateMenu").clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void saveTheEditedGraphAsATemplateThatHidesSomeParametersThenRenameAndDeleteIt() throws Exception {
        app = RunningStudio.launch(home, robot);
        PromptArea prompt = robot.lookup("#promptArea").queryAs(PromptArea.class);
        robot.interact(() -> prompt.replaceText("a lighthouse in fog"));
        assertThat(shown("#stepsSpinner")).isTrue();

        menu("Save as template…");
        TextField name = robot.lookup("#templateNameField").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("FLUX.1-dev fp8 (mine)");
        Label problem = robot.lookup("#templateNameProblem").queryAs(Label.class);
        robot.interact(() -> name.setText("flux.1-dev FP8"));
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("comes with Easel");
        assertThat(button("Save template").isDisabled()).as("a bundled template's name can't be taken").isTrue();
        robot.interact(() -> name.setText("Quick square"));
        assertThat(problem.isVisible()).isFalse();
        for (String hide : new String[] {"#show-steps", "#show-cfg"}) {
            CheckBox box = robot.lookup(hide).queryAs(CheckBox.class);
            assertThat(box.isSelected()).isTrue();
            robot.clickOn(box);
        }
        robot.clickOn(button("Save template"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chosen() != null && chosen().name().equals("Quick square"));
        Path file = home.resolve("data/templates/quick-square.json");
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("a lighthouse in fog").doesNotContain("\"steps\" ]");
        assertThat(prompt.getText()).as("nothing reloaded").isEqualTo("a lighthouse in fog");
        assertThat(shown("#stepsSpinner")).as("hidden by the template").isFalse();
        assertThat(shown("#cfgSpinner")).isFalse();
        assertThat(shown("#guidanceSpinner")).isTrue();
        assertThat(robot.lookup("#generateProblem").queryAs(Label.class).getText())
                .isEqualTo("Saved as template “Quick square”.");

        menu("Rename template…");
        TextField newName = robot.lookup("#templateNameField").queryAs(TextField.class);
        assertThat(newName.getText()).isEqualTo("Quick square");
        robot.interact(() -> newName.setText("Square, quick"));
        robot.clickOn(button("Rename"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chosen() != null && chosen().name().equals("Square, quick"));
        assertThat(file).doesNotExist();
        assertThat(home.resolve("data/templates/square-quick.json")).exists();
        assertThat(shown("#stepsSpinner")).as("what it shows goes with it").isFalse();

        menu("Delete template");
        robot.clickOn(button("Delete"));
        await().atMost(Duration.ofSeconds(10)).until(() -> chosen() == null);
        assertThat(home.resolve("data/templates/square-quick.json")).doesNotExist();
        assertThat(prompt.getText()).as("the graph stays as it is").isEqualTo("a lighthouse in fog");
        assertThat(shown("#stepsSpinner")).as("no template's: everything shows").isTrue();
        assertThat(onFx(() -> robot.lookup("#templateBox").queryAs(ComboBox.class).getItems().stream()
                .noneMatch(t -> ((Template) t).user()))).isTrue();
    }
}
