package dev.easel.ui;

import dev.easel.settings.WindowState;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The main window opens where it was closed, when that still fits a screen; else at a size that suits this one. */
public final class WindowPlacement {

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

    /** Keeps where the stage is now in {@code file}, to open there next time (nothing when it never showed). */
    public static void keep(Stage stage, Path file) {
        of(stage).ifPresent(w -> {
            try {
                w.save(file);
            } catch (IOException e) {
                LoggerFactory.getLogger(WindowPlacement.class).debug("window state not kept", e);
            }
        });
    }

    /** Where the stage is now, to open there next time; empty when it never showed. */
    public static Optional<WindowState> of(Stage stage) {
        if (stage == null || stage.getWidth() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowState(stage.getX(), stage.getY(), stage.getScene().getWidth(),
                stage.getScene().getHeight(), stage.isMaximized()));
    }
}
