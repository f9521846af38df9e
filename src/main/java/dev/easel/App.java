package dev.easel;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.easel.demo.DemoConfig;
import dev.easel.settings.AppFolders;
import dev.easel.settings.WindowState;
import dev.easel.ui.gallery.GalleryView;
import dev.easel.ui.gallery.GalleryViewModel;
import dev.easel.ui.json.JsonPanelView;
import dev.easel.ui.json.JsonPanelViewModel;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.queue.QueueView;
import dev.easel.ui.queue.QueueViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.ui.studio.StudioView;
import dev.easel.ui.studio.StudioViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/** The JavaFX application: starts the services off the FX thread and shows the studio when they are ready. */
public final class App extends Application {

    private AppContext context;
    private Optional<WindowState> savedWindow = Optional.empty();
    private CompletableFuture<java.util.List<javafx.scene.image.Image>> icons;

    /** Easel's icon in the sizes window managers and task bars pick from. */
    private static java.util.List<javafx.scene.image.Image> windowIcons() {
        return java.util.stream.IntStream.of(16, 32, 48, 64, 128, 256)
                .mapToObj(size -> new javafx.scene.image.Image(Objects.requireNonNull(
                        App.class.getResource("icons/easel-" + size + ".png")).toExternalForm()))
                .toList();
    }

    private AppFolders folders;

    /** Services started by {@link #startServices()} before JavaFX, taken by {@link #init()}. */
    private static final AtomicReference<AppContext> EARLY = new AtomicReference<>();
    /** The window's saved place and size, read beside them. */
    private static final AtomicReference<CompletableFuture<Optional<WindowState>>> WINDOW = new AtomicReference<>();

    /**
     * Starts the services (settings, database, demo endpoint, job queue: disk and network, on their own threads)
     * before JavaFX starts, so the two overlap. Called by the launcher; without it {@link #init()} starts them.
     */
    static void startServices() {
        AppFolders folders = AppFolders.platform();
        EARLY.set(newContext(folders));
        WINDOW.set(CompletableFuture.supplyAsync(() -> WindowState.load(windowFile(folders)),
                EARLY.get().io()));
    }

    /** Closes the services {@link #startServices()} started when the application never took them. */
    static void closeUnusedServices() {
        AppContext unused = EARLY.getAndSet(null);
        if (unused != null) {
            unused.close();
        }
    }

    private static AppContext newContext(AppFolders folders) {
        double timeScale = Double.parseDouble(System.getProperty("easel.demo.timeScale", "1.0"));
        return new AppContext(folders, DemoConfig.defaults().withTimeScale(timeScale));
    }

    @Override
    public void init() {
        phase("init");
        // the launcher thread, not the FX thread: finding the platform folders can mean asking the OS (a
        // PowerShell call on Windows), and the window state is a file
        AppContext early = EARLY.getAndSet(null);
        folders = early != null ? early.folders() : AppFolders.platform();
        context = early != null ? early : newContext(folders);
        CompletableFuture<Optional<WindowState>> window = WINDOW.getAndSet(null);
        savedWindow = window != null ? window.join() : WindowState.load(windowFile(folders));
        icons = CompletableFuture.supplyAsync(App::windowIcons, context.io());
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
        phase("init-done");
    }

    private final java.util.concurrent.atomic.AtomicBoolean errorShown = new java.util.concurrent.atomic.AtomicBoolean();

    /** An error nothing caught: logged, reported (no secrets) beside the logs, and said in a dialog. */
    public void uncaught(Thread thread, Throwable error) {
        String report = CrashReports.text(thread, error, folders);
        // the scrubbed report, never the raw exception: a message might carry a key
        org.slf4j.LoggerFactory.getLogger(App.class).error("uncaught error\n{}", report);
        java.nio.file.Path file = CrashReports.write(report, folders);
        if (context == null) {
            return;
        }
        context.fxExecutor().execute(() -> {
            if (Boolean.getBoolean("easel.smokeTest")) {
                finishSmokeTest("an unexpected error: " + error);
                return;
            }
            if (errorShown.compareAndSet(false, true)) {
                showError(report, file);
            }
        });
    }

    private void showError(String report, java.nio.file.Path file) {
        var copy = new javafx.scene.control.ButtonType("Copy details");
        var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                "Easel hit an unexpected error. What you were doing may not have finished; your pictures, jobs and "
                        + "settings are kept." + (file == null ? "" : "\n\nA report was written to " + file + "."),
                copy, javafx.scene.control.ButtonType.CLOSE);
        alert.setTitle("Easel");
        alert.setHeaderText("Something went wrong");
        var details = new javafx.scene.control.TextArea(report);
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        copies(alert, copy, report);
        if (stage != null) {
            alert.initOwner(stage);
        }
        alert.setOnHidden(e -> errorShown.set(false));
        alert.show();
    }

    /**
     * {@code -Deasel.startupProbe=true}: once the studio has been laid out and painted, prints the time since the
     * process started and quits (the startup benchmark's measure of "an interactive main window").
     */
    private void startupProbe(Scene scene) {
        scene.addPostLayoutPulseListener(new Runnable() {
            private int pulses;

            @Override
            public void run() {
                if (++pulses == 2) { // the pulse after the first one with the studio: it has been painted
                    scene.removePostLayoutPulseListener(this);
                    System.out.println("startup-ms=" + sinceStart());
                    javafx.application.Platform.exit();
                }
                javafx.application.Platform.requestNextPulse();
            }
        });
        javafx.application.Platform.requestNextPulse();
    }

    private void showAbout(AppContext.Services s) {
        var copy = new javafx.scene.control.ButtonType("Copy");
        String text = AboutEasel.versions() + "\n\n" + AboutEasel.folders(folders, s.results().outputDir())
                + "\n\nEndpoint: " + s.profile().name() + (s.profile().demo()
                ? " (the embedded demo: procedural pictures, not a model)" : "");
        var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION, text, copy,
                javafx.scene.control.ButtonType.CLOSE);
        alert.setTitle("About Easel");
        alert.setHeaderText("Easel " + AboutEasel.version() + "\nA desktop studio for ComfyUI workflows on Runpod "
                + "Serverless");
        alert.setGraphic(new javafx.scene.image.ImageView(new javafx.scene.image.Image(Objects.requireNonNull(
                App.class.getResource("icons/easel-64.png")).toExternalForm())));
        copies(alert, copy, text);
        alert.initOwner(stage);
        alert.show();
    }

    /** The button copies the text to the clipboard and leaves the dialog open. */
    private static void copies(javafx.scene.control.Alert alert, javafx.scene.control.ButtonType button, String text) {
        alert.getDialogPane().lookupButton(button).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            var content = new javafx.scene.input.ClipboardContent();
            content.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
    }

    private void showShortcuts() {
        var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION, """
                Ctrl/Cmd+Enter   Generate
                Ctrl/Cmd+F       Search the gallery
                Ctrl/Cmd+O       Open a workflow, an image or a saved /status answer
                Ctrl/Cmd+Shift+F Format the JSON (in the JSON panel)
                Arrows           Move in the gallery (Shift: select more)
                Ctrl/Cmd+A       Select all pictures
                Enter            Open the picture; ← → previous, next
                F                Favourite          Delete  Move to the trash
                Esc              Back to the gallery, or clear the selection""",
                javafx.scene.control.ButtonType.CLOSE);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setStyle("-fx-font-family: monospace;");
        alert.initOwner(stage);
        alert.show();
    }

    /** Milliseconds since the process started, for the startup probe's phases. */
    static long sinceStart() {
        return java.time.Duration.between(ProcessHandle.current().info().startInstant()
                .orElse(java.time.Instant.now()), java.time.Instant.now()).toMillis();
    }

    /** With the startup probe on, prints how long after the process started a phase was reached. */
    static void phase(String name) {
        if (Boolean.getBoolean("easel.startupProbe")) {
            System.out.println("startup-phase " + name + " " + sinceStart());
        }
    }

    @Override
    public void start(Stage stage) {
        phase("fx-start");
        // follow the OS (JavaFX reads its light/dark preference where the platform tells it), or -Deasel.theme
        String theme = System.getProperty("easel.theme", "system");
        boolean dark = theme.equalsIgnoreCase("dark") || (theme.equalsIgnoreCase("system")
                && javafx.application.Platform.getPreferences().getColorScheme() == javafx.application.ColorScheme.DARK);
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        phase("theme");
        javafx.application.Platform.getPreferences().colorSchemeProperty().addListener((o, was, scheme) -> {
            if (System.getProperty("easel.theme", "system").equalsIgnoreCase("system")) {
                Application.setUserAgentStylesheet(scheme == javafx.application.ColorScheme.DARK
                        ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            }
        });
        var loading = new Label("Starting Easel…");
        loading.setId("loadingLabel");
        var root = new StackPane(loading);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        // the window opens where it was (read in init(), off the FX thread)
        var saved = savedWindow
                .filter(w -> w.width() >= 640 && w.height() >= 480 && w.width() <= screen.getWidth() + 64
                        && w.height() <= screen.getHeight() + 64);
        var scene = new Scene(root, saved.map(WindowState::width)
                .orElse(Math.min(1280, screen.getWidth() * 0.95)),
                saved.map(WindowState::height).orElse(Math.min(820, screen.getHeight() * 0.92)));
        saved.ifPresent(w -> {
            if (javafx.stage.Screen.getScreensForRectangle(w.x(), w.y(), 100, 100).isEmpty()) {
                return; // that screen is gone
            }
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setMaximized(w.maximized());
        });
        scene.getStylesheets().add(Objects.requireNonNull(App.class.getResource("easel.css")).toExternalForm());
        stage.setTitle("Easel");
        // decoded off the FX thread (init() started it); the window takes them a moment after it opens
        icons.thenAcceptAsync(stage.getIcons()::setAll, context.fxExecutor());
        stage.setScene(scene);
        this.stage = stage;
        phase("scene");
        var services = context.services();
        if (services.state() == java.util.concurrent.Future.State.SUCCESS) {
            // they started while JavaFX did (the usual case): the window opens with the studio in it, laid out once
            showStudio(services.resultNow(), root, loading, scene);
            stage.show();
            phase("window-shown");
        } else {
            stage.show();
            phase("window-shown");
            showWhenReady(root, loading, scene);
        }
    }

    private Stage stage;

    private void showWhenReady(StackPane root, Label loading, Scene scene) {
        context.services().whenCompleteAsync((s, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                loading.setText("Easel could not start: " + cause.getMessage());
                if (Boolean.getBoolean("easel.smokeTest")) {
                    finishSmokeTest("the services did not start: " + cause.getMessage());
                }
                loading.getStyleClass().add("job-error");
                root.getChildren().setAll(loading);
                return;
            }
            showStudio(s, root, loading, scene);
        }, context.fxExecutor());
    }

    private void showStudio(AppContext.Services s, StackPane root, Label loading, Scene scene) {
        phase("services-ready");
        root.getChildren().setAll(studio(s, scene, root, loading));
        phase("studio-built");
        if (Boolean.getBoolean("easel.startupProbe")) {
            startupProbe(scene);
        } else if (!Boolean.getBoolean("easel.smokeTest")) {
            writeStartupCacheLater();
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean startupCacheChecked =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A packaged copy in a folder its user may write (a portable app-image, a per-user install) without a current
     * startup cache (none yet, or one made before an update) writes it in the background a little after the studio
     * is up, once per version: the next start is faster. Not on macOS, where writing into the signed app bundle would
     * break its signature. The log of that run (beside the others) is also the sign it was tried.
     */
    private void writeStartupCacheLater() {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac")
                || System.getProperty("jpackage.app-path") == null || !startupCacheChecked.compareAndSet(false, true)) {
            return;
        }
        java.nio.file.Path log = folders.logs().resolve("startup-cache-" + AboutEasel.version() + ".log");
        context.io().execute(() -> {
            try {
                Thread.sleep(java.time.Duration.ofSeconds(20));
                var layout = dev.easel.cli.StartupCache.Layout.current();
                if (layout.isEmpty() || dev.easel.cli.StartupCache.isCurrent(layout.get())
                        || java.nio.file.Files.exists(log) || !java.nio.file.Files.isWritable(layout.get().appDir())) {
                    return;
                }
                java.nio.file.Files.createDirectories(log.getParent());
                new ProcessBuilder(layout.get().launcher().toString(), "startup-cache", "--if-needed")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                org.slf4j.LoggerFactory.getLogger(App.class).info("writing the startup cache in the background: {}",
                        log);
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(App.class).info("no startup cache written", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void openSettings(AppContext.Services s, StackPane root, Label loading, Scene scene) {
        // reading the settings and probing the keychain are I/O: done first, off the FX thread
        java.util.concurrent.CompletableFuture.supplyAsync(() -> new Object[] {context.settingsStore().load().settings(),
                context.secretStore()}, context.io()).thenAcceptAsync(loaded -> {
            var dialog = new Stage();
            dialog.initOwner(stage);
            dialog.initModality(javafx.stage.Modality.WINDOW_MODAL);
            dialog.setTitle("Settings");
            var vm = new dev.easel.ui.settings.SettingsViewModel(context.settingsStore(),
                    (dev.easel.settings.SecretStore) loaded[1], (dev.easel.settings.Settings) loaded[0],
                    s.allTemplates(), context.io(), context.fxExecutor());
            var view = new dev.easel.ui.settings.SettingsView(vm, dialog::close, switched ->
                    context.fxExecutor().execute(() -> {
                        if (!switched) {
                            confirmOver.accept(vm.confirmJobsOverProperty().get()); // applies at once
                        }
                        if (switched) {
                            carry.run();
                            dialog.close();
                            loading.setText("Switching endpoint…");
                            root.getChildren().setAll(loading);
                            context.restart();
                            showWhenReady(root, loading, scene);
                        }
                    }));
            var dialogScene = new Scene(view, 760, 600);
            dialogScene.getStylesheets().addAll(scene.getStylesheets());
            dialog.setScene(dialogScene);
            dialog.show();
        }, context.fxExecutor());
    }

    private dev.easel.ui.studio.StudioState carried;
    private Runnable carry = () -> { };
    private java.util.function.IntConsumer confirmOver = over -> { };

    /**
     * When a job fails because the endpoint lacks a checkpoint, the worker says which it has: that list is kept on
     * the endpoint's profile (Settings shows it), so the next start knows what the endpoint really holds.
     */
    private void rememberModels(AppContext.Services s, java.util.function.Consumer<java.util.List<String>> known) {
        if (s.profile().demo()) {
            return;
        }
        java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        s.queue().addListener(jobs -> {
            for (var j : jobs) {
                if (j.phase() != dev.easel.jobs.JobPhase.FAILED || !seen.add(j.id())) {
                    continue;
                }
                dev.easel.api.JobError.availableCheckpoints(j.errorDetail()).ifPresent(models -> {
                    known.accept(models);
                    if (!models.equals(s.profile().models())) {
                        context.settingsStore().updateLater(st -> st.withProfileModels(s.profile().id(), models));
                    }
                });
            }
        });
    }

    private StudioView studio(AppContext.Services s, Scene scene, StackPane root, Label loading) {
        var fx = context.fxExecutor();
        var before = carried; // the studio is rebuilt after an endpoint switch: everything the user set stays
        var session = before != null ? before.session() : new WorkflowSession(s.allTemplates().stream()
                .filter(t -> t.id().equals(s.profile().defaultTemplate())).findFirst()
                .orElse(s.templates().defaultTemplate()));
        var params = before != null ? before.params(session, RandomGenerator.getDefault())
                : new ParamsViewModel(session, RandomGenerator.getDefault());
        carry = () -> carried = dev.easel.ui.studio.StudioState.capture(session, params);
        var gallery = new GalleryViewModel(s.library(), s.importer(), s.trash(), session, context.io(), fx);
        var queue = new QueueViewModel(s.queue(), fx, context.io(), java.time.Clock.systemDefaultZone(),
                job -> gallery.refresh());
        askBeforeClosingWithJobs(scene, queue, s.profile().demo());
        var studio = new StudioViewModel(session, params, s.queue(), s.allTemplates(), s.settings().recentPrompts(),
                context.io(), fx);
        confirmOver = studio::setConfirmOver;
        // what a real endpoint is known to have (Settings, its last failure); the demo runs every bundled template
        studio.endpointModelsProperty().set(s.profile().demo() ? java.util.List.of() : s.profile().models());
        rememberModels(s, models -> fx.execute(() -> studio.endpointModelsProperty().set(models)));
        studio.setConfirmation(s.settings().confirmJobsOver(), question -> {
            var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, question,
                    javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
            alert.initOwner(scene.getWindow());
            alert.setTitle("Send many jobs?");
            alert.setHeaderText(null);
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK))
                    .setText("Send them");
            return java.util.concurrent.CompletableFuture.completedFuture(
                    alert.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent());
        });
        studio.setRecentSaver(recent -> context.settingsStore().updateLater(current -> current.withRecentPrompts(recent)));
        var json = new JsonPanelViewModel(session, () -> new JsonPanelViewModel.Target(s.baseUrl(),
                s.profile().endpointId()));
        gallery.refresh();
        if (s.settingsNote() != null) {
            studio.notice(s.settingsNote());
        }
        // the rescan and the queue's start run just after the studio shows: what they find is shown when they end
        context.resumed().whenCompleteAsync((found, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                studio.notice("Easel could not resume its job queue: " + cause.getMessage() + " New pictures can't be "
                        + "made until it restarts; the log folder (Help) has the details.");
            } else if (found != null && found.changed()) {
                gallery.refresh();
            }
        }, fx);
        gallery.setOnSettingsUsed(seeded -> {
            if (seeded) {
                params.fixSeed(); // "Use these settings": Generate makes that picture again
            }
        });
        gallery.setRetryAction(() -> {
            params.randomizeSeed();
            studio.generate();
        });
        var galleryView = new GalleryView(gallery, dir -> getHostServices().showDocument(dir.toUri().toString()));
        var view = new StudioView(studio, queue, galleryView,
                new QueueView(queue), () -> new JsonPanelView(json),
                new StudioView.EndpointInfo(s.profile().name(), s.profile().demo()),
                () -> openSettings(s, root, loading, scene),
                new StudioView.Help(() -> showAbout(s), this::showShortcuts,
                        () -> getHostServices().showDocument(folders.logs().toUri().toString())));
        installGenerateShortcut(scene, studio::generate);
        galleryView.installDropTarget(view); // a workflow, an image or a status answer dropped anywhere
        var lock = INSTANCE.get();
        if (lock != null) {
            // "Open with" while Easel runs: a second start hands its files over and exits
            lock.onFiles(files -> fx.execute(() -> {
                if (scene.getWindow() instanceof javafx.stage.Stage stage) {
                    stage.setIconified(false);
                    stage.toFront();
                }
                if (!files.isEmpty()) {
                    gallery.importFiles(files);
                }
            }));
        }
        if (!OPEN_AT_START.isEmpty()) {
            gallery.importFiles(java.util.List.copyOf(OPEN_AT_START));
            OPEN_AT_START.clear();
        }
        if (Boolean.getBoolean("easel.smokeTest")) {
            SmokeTest.run(session, params, studio, s.queue()).thenAcceptAsync(this::finishSmokeTest, fx);
        }
        return view;
    }

    /**
     * Ctrl/Cmd+Enter generates once, whatever has the focus. Not a scene accelerator: a Spinner's editor hands its
     * key events on to the Spinner, so an accelerator would see the same key press twice and queue two jobs. A filter
     * takes the press before any control does.
     */
    static void installGenerateShortcut(Scene scene, Runnable generate) {
        var shortcut = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (shortcut.match(e)) {
                e.consume();
                generate.run();
            }
        });
    }

    private static final java.util.List<java.nio.file.Path> OPEN_AT_START =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Closing the window while jobs run asks first and says what becomes of them: Runpod jobs go on (and are paid
     * for) and are collected at the next start while Runpod keeps them; the demo's end with the app.
     */
    private static void askBeforeClosingWithJobs(Scene scene, QueueViewModel queue, boolean demo) {
        javafx.event.EventHandler<javafx.stage.WindowEvent> ask = e -> {
            int live = queue.runningProperty().get() + queue.queuedProperty().get();
            if (live == 0) {
                return;
            }
            String jobs = live == 1 ? "1 job is" : live + " jobs are";
            var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    demo ? "They run on the demo endpoint inside Easel, so they end when Easel closes."
                            : "They go on running on Runpod, and are charged. Easel collects their pictures when it "
                            + "starts again, as long as Runpod keeps them (30 minutes after a job ends).",
                    new javafx.scene.control.ButtonType("Close Easel", javafx.scene.control.ButtonBar.ButtonData.OK_DONE),
                    new javafx.scene.control.ButtonType("Keep open",
                            javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE));
            alert.setHeaderText(jobs + " still running or queued.");
            alert.initOwner(scene.getWindow());
            var answer = alert.showAndWait();
            if (answer.isEmpty() || answer.get().getButtonData() != javafx.scene.control.ButtonBar.ButtonData.OK_DONE) {
                e.consume();
            }
        };
        if (scene.getWindow() != null) {
            scene.getWindow().setOnCloseRequest(ask); // a rebuilt studio (another endpoint) replaces the question
        } else {
            scene.windowProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends javafx.stage.Window> o,
                                    javafx.stage.Window was, javafx.stage.Window now) {
                    if (now != null) {
                        now.setOnCloseRequest(ask);
                        o.removeListener(this);
                    }
                }
            });
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<dev.easel.settings.InstanceLock> INSTANCE =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The profile's lock this process holds (null where none could be taken): later starts hand it their files. */
    static void instanceLock(dev.easel.settings.InstanceLock lock) {
        INSTANCE.set(lock);
    }

    /** Files named on the command line (the desktop's "Open with"): imported once the studio is up. */
    static void openAtStart(java.util.List<java.nio.file.Path> files) {
        OPEN_AT_START.addAll(files);
    }

    private static final java.util.concurrent.atomic.AtomicInteger EXIT_CODE =
            new java.util.concurrent.atomic.AtomicInteger();

    /** What the process should exit with once the window closes (non-zero after a failed smoke test). */
    static int exitCode() {
        return EXIT_CODE.get();
    }

    private void finishSmokeTest(String failure) {
        if (failure == null) {
            System.out.println("smoke test: passed");
        } else {
            System.err.println("smoke test: FAILED: " + failure);
            EXIT_CODE.set(1);
        }
        javafx.application.Platform.exit();
    }

    private static java.nio.file.Path windowFile(AppFolders folders) {
        return folders.config().resolve("window.json");
    }

    @Override
    public void stop() {
        if (stage != null && stage.getWidth() > 0) {
            try {
                new WindowState(stage.getX(), stage.getY(), stage.getScene().getWidth(),
                        stage.getScene().getHeight(), stage.isMaximized()).save(windowFile(folders));
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(App.class).debug("window state not kept", e);
            }
        }
        if (context != null) {
            context.close();
        }
    }
}
