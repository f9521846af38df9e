package dev.easel.ui.prompt;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt box: its text follows the view model both ways, ComfyUI's syntax is coloured, Tab moves on. */
class PromptAreaUiTest {

    private final FxRobot robot = new FxRobot();
    private final SimpleStringProperty text = new SimpleStringProperty("a fox");
    private PromptArea area;
    private TextField next;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupSceneRoot(() -> {
            area = new PromptArea(text, "Describe the picture…", "Prompt");
            area.setPrefSize(300, 120);
            next = new TextField();
            return new VBox(area, next);
        });
        FxToolkit.setupStage(Stage::show);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void theTextFollowsTheViewModelBothWaysAndItsSyntaxIsColoured() {
        assertThat(area.getText()).isEqualTo("a fox");
        robot.interact(() -> text.set("a (red fox:1.3) <lora:grain:0.7>"));
        assertThat(area.getText()).isEqualTo("a (red fox:1.3) <lora:grain:0.7>");
        assertThat(area.getStyleOfChar(4)).containsExactly("prompt-weight");
        assertThat(area.getStyleOfChar(1)).isEmpty();
        assertThat(area.getStyleOfChar(20)).containsExactly("prompt-lora");

        robot.clickOn(area);
        robot.interact(() -> area.moveTo(area.getLength()));
        robot.write(" ((snow))");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.get()).as("typed text reaches the view model")
                .isEqualTo("a (red fox:1.3) <lora:grain:0.7> ((snow))");
        assertThat(area.getStyleOfChar(area.getLength() - 3)).containsExactly("prompt-emphasis");

        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isFocused()).as("Tab moves the focus on").isTrue();
        assertThat(text.get()).doesNotContain("\t");
    }
}
