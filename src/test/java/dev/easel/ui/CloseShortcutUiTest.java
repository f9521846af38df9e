package dev.easel.ui;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl/Cmd+Q closes the window as its close button does: the question about running jobs is asked first. */
@ExtendWith(ApplicationExtension.class)
class CloseShortcutUiTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(), 200, 200));
        s.show();
    }

    @Test
    void aNoToTheQuestionKeepsTheWindowAndAYesClosesIt(FxRobot robot) {
        AtomicInteger asked = new AtomicInteger();
        robot.interact(() -> stage.setOnCloseRequest(e -> {
            if (asked.incrementAndGet() == 1) {
                e.consume(); // "Keep open"
            }
        }));
        robot.interact(() -> MainWindow.requestClose(stage));
        assertThat(asked).hasValue(1);
        assertThat(stage.isShowing()).isTrue();

        robot.interact(() -> MainWindow.requestClose(stage));
        assertThat(asked).hasValue(2);
        assertThat(stage.isShowing()).isFalse();
    }
}
