package dev.easel;

import dev.easel.cli.StartupCache;
import dev.easel.io.Futures;
import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;
import dev.easel.ui.FxDialogs;
import dev.easel.ui.MainWindow;
import dev.easel.ui.StartupProbe;
import dev.easel.ui.Theme;
import dev.easel.ui.WindowPlacement;
import dev.easel.ui.fx.FirstPaint;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.studio.StudioState;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The JavaFX application, a lifecycle shell: takes the services the launcher started, opens the window, shows
 * {@link MainWindow} in it when they are ready, and on the way out keeps the window's place and closes them.
 */
public final class App extends Application {

    private Launch launch;
    private AppContext context;
    private CompletableFuture<List<Image>> icons;
    private Stage stage;
    private FxDialogs dialogs;
    private Theme theme;
    private WindowHost host;
    private final StackPane root = new StackPane();
    private final Label loading = new Label("Starting Easel…");

    @Override
    public void init() {
        // the launcher thread, not the FX thread: the window state is a file, the icons are decoded
        launch = Launch.take();
        launch.trace().phase("init");
        context = launch.context();
        launch.window().join(); // read here, so the FX thread finds it done
        icons = CompletableFuture.supplyAsync(Icons::window, context.io());
        dialogs = new FxDialogs(() -> stage);
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
    }

    /** An error nothing caught: logged, reported (no secrets) beside the logs, and said in a dialog. */
    public void uncaught(Thread thread, Throwable error) {
        CrashReports.Report report = CrashReports.report(thread, error, launch.folders());
        context.fxExecutor().execute(() -> {
            if (launch.options().smokeTest()) {
                SmokeTest.finish("an unexpected error: " + error, launch.exitCode());
            } else {
                dialogs.error(report.text(), report.file());
            }
        });
    }

    @Override
    public void start(Stage stage) {
        launch.trace().phase("fx-start");
        // the setting is read with the services; until then (and for a theme given for this run) the option decides
        theme = Theme.forApplication(ThemeChoice.of(launch.options().theme()));
        loading.setId("loadingLabel");
        root.getChildren().setAll(loading);
        var placement = new WindowPlacement(launch.window().join());
        var scene = new Scene(root, placement.width(), placement.height());
        placement.place(stage);
        scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("easel.css")).toExternalForm());
        stage.titleProperty().unbind(); // a test harness reuses its stage
        stage.setTitle("Easel");
        Futures.detach(icons.thenAcceptAsync(stage.getIcons()::setAll, context.fxExecutor()), "the window icons");
        stage.setScene(scene);
        stage.sizeToScene(); // the scene's size, even for a stage sized before (a test harness reuses its stage)
        this.stage = stage;
        var services = context.services();
        if (services.state() == Future.State.SUCCESS && launch.options().theme() == null) {
            theme.choiceProperty().set(ThemeChoice.of(services.resultNow().settings().theme())); // no flash of another
        }
        // the window paints its background and "Starting Easel…" at once; the studio is built after that frame
        stage.show();
        launch.trace().phase("window-shown");
        FirstPaint.then(scene, context.fxExecutor(), () -> showWhenReady(null));
    }

    private void showWhenReady(StudioState before) {
        Futures.detach(context.services().whenCompleteAsync((s, error) -> {
            if (error == null) {
                show(s, before);
                return;
            }
            loading.setText(Messages.get("app.couldNotStart", Messages.of(Futures.unwrap(error))));
            loading.getStyleClass().add("job-error");
            root.getChildren().setAll(loading);
            if (launch.options().smokeTest()) {
                SmokeTest.finish("the services did not start: " + Messages.of(Futures.unwrap(error)), launch.exitCode());
            }
        }, context.fxExecutor()), "showing the studio");
    }

    private void show(AppContext.Services s, StudioState before) {
        launch.trace().phase("services-ready");
        if (launch.options().theme() == null && before == null) { // a restart keeps the theme the window has
            theme.choiceProperty().set(ThemeChoice.of(s.settings().theme()));
        }
        // the window state read at start, or the one kept since (a studio rebuilt for another endpoint)
        host = new WindowHost(context, launch.folders(), s, getHostServices(), theme,
                host != null ? host.savedWindow() : launch.window().join(), this::switchEndpoint);
        var window = new MainWindow(host.parts(), host, dialogs, before);
        root.getChildren().setAll(window.build(stage.getScene()));
        launch.trace().phase("studio-built");
        if (launch.lock() != null) { // "Open with" while Easel runs: a second start hands its files over and exits
            launch.lock().onFiles(files -> context.fxExecutor().execute(() -> window.open(files, stage)));
        }
        if (before == null && !launch.files().isEmpty()) {
            window.open(launch.files(), stage);
        }
        if (launch.options().smokeTest()) {
            Futures.detach(SmokeTest.run(window.session(), window.params(), window.studio(), s.queue())
                    .thenAcceptAsync(f -> SmokeTest.finish(f, launch.exitCode()), context.fxExecutor()), "the smoke test");
        } else if (launch.trace().on()) {
            StartupProbe.quitWhenPainted(stage.getScene(), StartupTrace::sinceStart);
        } else if (before == null) {
            StartupCache.writeLaterIfNeeded(launch.folders().logs().resolve("startup-cache-" + AboutEasel.version()
                    + ".log"), context.io());
        }
    }

    private void switchEndpoint(StudioState state) {
        loading.setText(Messages.get("app.switching"));
        root.getChildren().setAll(loading);
        context.restart();
        showWhenReady(state);
    }

    @Override
    public void stop() {
        context.close(); // the window's state was kept as it closed
    }
}
