package dev.easel.ui.fx;

import javafx.application.Platform;

import java.util.concurrent.Executor;

/** The one way work is handed to the FX thread; tests use {@code Runnable::run} instead. */
public final class FxExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }

    /** Runs the command on the FX thread after what it is doing now (a pulse, say), even when called on it. */
    public void later(Runnable command) {
        Platform.runLater(command);
    }
}
