package dev.easel.ui;

import dev.easel.settings.WindowState;
import dev.easel.ui.studio.StudioView;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The window's place, size and columns are kept a moment after they change (a crash loses little) and on close. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementUiTest {

    private Stage stage;
    private final SimpleObjectProperty<StudioView.Panes> panes = new SimpleObjectProperty<>(StudioView.Panes.DEFAULT);
    private final List<WindowState> kept = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(), 800, 600));
        s.show();
        WindowPlacement.keepWhileShown(s, panes, kept::add);
    }

    @Test
    void aChangeIsKeptOnceItSettlesAndTheLastStateWhenTheWindowCloses(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(900);
            stage.setWidth(1000);
            panes.set(new StudioView.Panes(380, 300));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !kept.isEmpty());
        assertThat(kept).as("a burst of changes is written once").hasSize(1);
        assertThat(kept.getFirst().leftWidth()).isEqualTo(380);
        assertThat(kept.getFirst().sideWidth()).isEqualTo(300);
        assertThat(kept.getFirst().width()).isEqualTo(stage.getScene().getWidth());

        robot.interact(() -> {
            panes.set(new StudioView.Panes(400, 280));
            stage.hide(); // closing does not wait for the quiet moment
        });
        assertThat(kept).hasSize(2);
        assertThat(kept.getLast().leftWidth()).isEqualTo(400);
    }

    @Test
    void savedColumnsAreUsedAndMissingOnesAreTheDefaults() {
        assertThat(WindowPlacement.panes(Optional.empty())).isEqualTo(StudioView.Panes.DEFAULT);
        assertThat(WindowPlacement.panes(Optional.of(new WindowState(0, 0, 1200, 800, false))))
                .as("a file from before the columns were kept").isEqualTo(StudioView.Panes.DEFAULT);
        assertThat(WindowPlacement.panes(Optional.of(new WindowState(0, 0, 1200, 800, false, 410, 290))))
                .isEqualTo(new StudioView.Panes(410, 290));
    }
}
