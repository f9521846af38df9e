package dev.easel.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor of the startup benchmark: an empty JavaFX window of the app's size, timed the way the app's startup
 * probe times the studio (process start to the second pulse after it is shown). Run on the packaged runtime.
 */
public final class EmptyWindow extends Application {

    @Override
    public void start(Stage stage) {
        var scene = new Scene(new StackPane(), 1280, 820);
        stage.setScene(scene);
        stage.show();
        scene.addPostLayoutPulseListener(new Runnable() {
            private int pulses;

            @Override
            public void run() {
                if (++pulses == 2) {
                    scene.removePostLayoutPulseListener(this);
                    long ms = java.time.Duration.between(ProcessHandle.current().info().startInstant()
                            .orElse(java.time.Instant.now()), java.time.Instant.now()).toMillis();
                    System.out.println("startup-ms=" + ms);
                    Platform.exit();
                }
                Platform.requestNextPulse();
            }
        });
        Platform.requestNextPulse();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
