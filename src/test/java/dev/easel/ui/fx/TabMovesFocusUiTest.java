package dev.easel.ui.fx;

import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** Tab leaves a prompt box for the next field, Shift+Tab for the one before, and types no tab character. */
@ExtendWith(ApplicationExtension.class)
class TabMovesFocusUiTest {

    private TextField before;
    private TextArea prompt;
    private TextField after;

    @Start
    void start(Stage stage) {
        before = new TextField();
        prompt = new TextArea("a fox");
        after = new TextField();
        TabMovesFocus.install(prompt);
        stage.setScene(new Scene(new VBox(before, prompt, after), 300, 300));
        stage.show();
    }

    @Test
    void tabMovesOnAndShiftTabBackWithoutATabInTheText(FxRobot robot) {
        robot.interact(() -> {
            prompt.requestFocus();
            prompt.end();
        });
        robot.type(KeyCode.TAB);
        assertThat(after.isFocused()).isTrue();
        assertThat(prompt.getText()).isEqualTo("a fox");

        robot.interact(prompt::requestFocus);
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertThat(before.isFocused()).isTrue();
        assertThat(prompt.getText()).isEqualTo("a fox");
    }

    @Test
    void withoutItATabIsTyped(FxRobot robot) {
        TextArea[] plain = new TextArea[1];
        robot.interact(() -> {
            plain[0] = new TextArea("x");
            ((VBox) prompt.getParent()).getChildren().add(plain[0]);
            plain[0].requestFocus();
            plain[0].end();
        });
        robot.type(KeyCode.TAB);
        assertThat(plain[0].getText()).isEqualTo("x\t"); // the test sees the difference the filter makes
    }
}
