package dev.easel.ui;

import dev.easel.settings.WindowState;
import dev.easel.ui.studio.StudioView;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main window opens where it was closed, when that still fits a screen; else at a size that suits this one.
 * While it shows, where it is, its size and its columns' widths are kept as they change (a moment after the last
 * change, and when it closes), so even a crash loses at most that moment.
 */
public final class WindowPlacement {

    /** How long after the last move, resize or drag the window's state is written. */
    public static final Duration QUIET = Duration.millis(800);

    private final Optional<WindowState> saved;
    private final Rectangle2D screen;

    public WindowPlacement(Optional<WindowState> saved) {
        this.screen = Screen.getPrimary().getVisualBounds();
        this.saved = saved.filter(w -> w.width() >= 640 && w.height() >= 480 && w.width() <= screen.getWidth() + 64
                && w.height() <= screen.getHeight() + 64);
    }

    public double width() {
        return saved.map(WindowState::width).orElse(Math.min(1280, screen.getWidth() * 0.95));
    }

    public double height() {
        return saved.map(WindowState::height).orElse(Math.min(820, screen.getHeight() * 0.92));
    }

    /** Puts the stage where it was, unless that screen is gone. */
    public void place(Stage stage) {
        saved.ifPresent(w -> {
            if (Screen.getScreensForRectangle(w.x(), w.y(), 100, 100).isEmpty()) {
                return;
            }
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setMaximized(w.maximized());
        });
    }

    /** The columns' widths the window had (the defaults where none were kept). */
    public static StudioView.Panes panes(Optional<WindowState> saved) {
        return saved.map(w -> StudioView.Panes.of(w.leftWidth(), w.sideWidth())).orElse(StudioView.Panes.DEFAULT);
    }

    /**
     * Keeps the stage's place, size and columns: {@code keep} is given the state {@link #QUIET} after the last
     * change and when the window closes. Call on the FX thread; {@code keep} is called there and must not wait
     * on I/O.
     */
    public static void keepWhileShown(Stage stage, ObservableValue<StudioView.Panes> panes, Consumer<WindowState> keep) {
        var later = new PauseTransition(QUIET);
        Runnable now = () -> of(stage, panes.getValue()).ifPresent(keep);
        later.setOnFinished(e -> now.run());
        Runnable changed = later::playFromStart;
        for (ObservableValue<?> v : new ObservableValue<?>[] {stage.xProperty(), stage.yProperty(),
                stage.widthProperty(), stage.heightProperty(), stage.maximizedProperty(), panes}) {
            v.addListener((o, was, is) -> changed.run());
        }
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> {
            later.stop();
            now.run();
        });
    }

    /** Where the stage is now and how wide its columns are; empty when it never showed. */
    public static Optional<WindowState> of(Stage stage, StudioView.Panes panes) {
        // a minimized window's place is the desktop's idea (off screen on Windows): the last one kept stays
        if (stage == null || stage.getWidth() <= 0 || stage.getScene() == null || stage.isIconified()) {
            return Optional.empty();
        }
        return Optional.of(new WindowState(stage.getX(), stage.getY(), stage.getScene().getWidth(),
                stage.getScene().getHeight(), stage.isMaximized(), panes.left(), panes.side()));
    }
}
