package dev.easel.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.time.Duration;
import java.time.Instant;

/**
 * The floor of the startup benchmark: an empty JavaFX window of the app's size, timed the way the app's startup
 * probe times the studio (process start to the second pulse after it is shown). Run on the packaged runtime.
 */
public final class EmptyWindow extends Application {

    @Override
    public void start(Stage stage) {
        if (Boolean.getBoolean("easel.startupProbe")) {
            System.out.println("startup-phase fx-start " + sinceStart());
        }
        var scene = new Scene(new StackPane(), 1280, 820);
        stage.setScene(scene);
        stage.show();
        scene.addPostLayoutPulseListener(new Runnable() {
            private int pulses;

            @Override
            public void run() {
                if (++pulses == 2) {
                    scene.removePostLayoutPulseListener(this);
                    System.out.println("startup-ms=" + sinceStart());
                    Platform.exit();
                }
                Platform.requestNextPulse();
            }
        });
        Platform.requestNextPulse();
    }

    private static long sinceStart() {
        return Duration.between(ProcessHandle.current().info().startInstant()
                .orElse(Instant.now()), Instant.now()).toMillis();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
