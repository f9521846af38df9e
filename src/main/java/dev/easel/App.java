package dev.easel;

import atlantafx.base.theme.PrimerLight;
import dev.easel.ui.start.StartView;
import dev.easel.ui.start.StartViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.Objects;

/** The JavaFX application: builds the context and the window. */
public final class App extends Application {

    private AppContext context;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = new AppContext();
        var view = new StartView(new StartViewModel(context.demoBaseUrl(), context.fxExecutor(), context.text()));
        var scene = new Scene(view, 820, 560);
        scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("easel.css")).toExternalForm());
        stage.setTitle(context.text().getString("app.title"));
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
