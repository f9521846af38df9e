package dev.easel.ui.fx;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs heavy work (building the studio) only after the window has had one cheap frame, so a new window shows its
 * background and a "Starting…" line at once instead of staying black until the whole studio is laid out and drawn.
 */
public final class FirstPaint {

    private FirstPaint() {
    }

    /** Runs {@code then} on the FX thread once the scene's next pulse has been laid out (its frame goes to render). */
    public static void then(Scene scene, FxExecutor fx, Runnable then) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                fx.later(then); // after this pulse: its frame is drawn while the FX thread goes on
            }
        });
        Platform.requestNextPulse();
    }
}
