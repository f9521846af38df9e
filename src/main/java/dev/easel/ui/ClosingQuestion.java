package dev.easel.ui;

import dev.easel.text.Messages;
import dev.easel.ui.queue.QueueViewModel;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/** The question the main window asks when it is closed while jobs run. */
final class ClosingQuestion {

    private ClosingQuestion() {
    }

    /**
     * Closing the window while jobs run asks first and says what becomes of them: Runpod jobs go on (and are paid
     * for) and are collected at the next start while Runpod keeps them; the demo's end with the app.
     */
    static void install(Scene scene, Dialogs dialogs, boolean demo, QueueViewModel queue) {
        EventHandler<WindowEvent> ask = e -> {
            int live = queue.runningProperty().get() + queue.queuedProperty().get();
            if (live == 0) {
                return;
            }
            boolean close = dialogs.confirm(Messages.get("dialog.error.title"),
                    Messages.get("window.close.header", live),
                    demo ? Messages.get("window.close.demo") : Messages.get("window.close.runpod"),
                    Messages.get("window.close.yes"), Messages.get("window.close.no"));
            if (!close) {
                e.consume();
            }
        };
        if (scene.getWindow() != null) {
            scene.getWindow().setOnCloseRequest(ask); // a rebuilt studio (another endpoint) replaces the question
        } else {
            scene.windowProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Window> o, Window was, Window now) {
                    if (now != null) {
                        now.setOnCloseRequest(ask);
                        o.removeListener(this);
                    }
                }
            });
        }
    }
}
