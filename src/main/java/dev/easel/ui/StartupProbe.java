package dev.easel.ui;

import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.function.LongSupplier;

/**
 * {@code -Deasel.startupProbe=true}: once the studio has been laid out and painted, prints the time since the process
 * started and quits (the startup benchmark's measure of "an interactive main window").
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void quitWhenPainted(Scene scene, LongSupplier sinceStart) {
        scene.addPostLayoutPulseListener(new Runnable() {
            private int pulses;

            @Override
            public void run() {
                if (++pulses == 2) { // the pulse after the first one with the studio: it has been painted
                    scene.removePostLayoutPulseListener(this);
                    System.out.println("startup-ms=" + sinceStart.getAsLong());
                    Platform.exit();
                }
                Platform.requestNextPulse();
            }
        });
        Platform.requestNextPulse();
    }
}
