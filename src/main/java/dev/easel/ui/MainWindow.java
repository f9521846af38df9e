package dev.easel.ui;

import dev.easel.api.AccountConfig;
import dev.easel.api.JobError;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.io.DesktopNotifier;
import dev.easel.io.Futures;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.Sweeps;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.library.Library;
import dev.easel.library.StatusImport;
import dev.easel.library.Trash;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.Secrets;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import dev.easel.settings.WindowState;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import dev.easel.ui.endpoint.EndpointPanelModel;
import dev.easel.ui.endpoint.BillModel;
import dev.easel.ui.endpoint.EndpointLifeModel;
import dev.easel.ui.endpoint.EndpointWindows;
import dev.easel.ui.gallery.GalleryView;
import dev.easel.ui.gallery.GalleryViewModel;
import dev.easel.ui.json.JsonPanelView;
import dev.easel.ui.json.JsonPanelViewModel;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.queue.PendingStrip;
import dev.easel.ui.queue.QueueView;
import dev.easel.ui.queue.QueueViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.ui.settings.AccountConnectModel;
import dev.easel.ui.settings.SettingsView;
import dev.easel.ui.settings.SettingsViewModel;
import dev.easel.ui.studio.StudioState;
import dev.easel.ui.studio.StudioView;
import dev.easel.ui.studio.UserTemplatesModel;
import dev.easel.ui.studio.StudioViewModel;
import dev.easel.ui.sweep.SweepModel;
import dev.easel.ui.sweep.SweepWindows;
import dev.easel.workflow.ModelFiles;
import dev.easel.workflow.WordLists;
import dev.easel.workflow.Template;
import dev.easel.workflow.TemplateLibrary;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Clipboard;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The main window's content: the view models over the services, the studio view around them, and what the window
 * does (the Settings window, closing with jobs running, Generate from anywhere, files handed over). The application
 * class only starts it and hands it the services.
 */
public final class MainWindow {

    /** The services the window shows, started by the app. */
    public record Parts(Settings settings, Text settingsNote, EndpointProfile profile, String baseUrl,
                        Path outputDir, Library library, StatusImport importer, Trash trash, JobQueue queue,
                        Template defaultTemplate, List<Template> templates, TemplateLibrary templateLibrary,
                        CompletableFuture<Library.Rescan> resumed, OwnedEndpoint owned, Path wordLists,
                        Sweeps sweeps, List<EndpointProfile> shareable) { }

    /** What the window asks of the app around it. */
    public interface Host {
        /** When Easel started: the session budget counts from there. */
        Instant sessionStart();

        Executor io();

        Executor fx();

        /** The one owner of the settings file. */
        SettingsStore settingsStore();

        /** The keys: the store (opening it may ask the OS keychain: called off the FX thread) and the environment's. */
        Secrets secrets();

        /** Where pictures go when Settings names no folder. */
        Path defaultOutputDir();

        /** Opens a folder in the desktop's file manager; false when this desktop has none to open it with. */
        boolean showFolder(Path folder);

        /** The desktop's notifications. */
        DesktopNotifier notifier();

        /** The window's theme: the View menu and Settings change it, live. */
        Theme theme();

        /** Where the window was and how wide its columns were, when that was kept. */
        Optional<WindowState> savedWindow();

        /** Keeps the window's state for the next start (called on the FX thread: writes off it). */
        void keepWindow(WindowState state);

        /** Where the logs are (Help → Open log folder). */
        Path logs();

        /** Easel's version. */
        String version();

        /** About's text: versions, folders, endpoint. */
        String about();

        /** The user switched endpoint in Settings: start the services again, then a window with this state. */
        void switchEndpoint(StudioState state);
    }

    private final Parts parts;
    private final Host host;
    private final Dialogs dialogs;
    private final WorkflowSession session;
    private final ParamsViewModel params;
    private final StudioViewModel studio;
    private final EndpointPanelModel panel;
    /** A new endpoint's first job is to be sent once the queue has started. */
    private final boolean firstJob;
    private final GalleryViewModel gallery;
    private final QueueViewModel queue;
    private final JsonPanelViewModel json;
    /** The smaller choices (notifications, the export dialog's): changed live, kept in the settings file. */
    private final ObjectProperty<Settings.Preferences> preferences;

    /** @param before what the user set in the window this one replaces (another endpoint), or null */
    public MainWindow(Parts parts, Host host, Dialogs dialogs, StudioState before) {
        this.parts = parts;
        this.host = host;
        this.dialogs = dialogs;
        this.firstJob = before != null && before.firstJob();
        Executor fx = host.fx();
        session = before != null ? before.session() : new WorkflowSession(parts.defaultTemplate());
        params = before != null ? before.params(session, RandomGenerator.getDefault())
                : new ParamsViewModel(session, RandomGenerator.getDefault());
        gallery = new GalleryViewModel(parts.library(), parts.importer(), parts.trash(), session, host.io(), fx);
        queue = new QueueViewModel(parts.queue(), fx, host.io(), Clock.systemDefaultZone(), job -> gallery.refresh());
        studio = new StudioViewModel(session, params, parts.queue(), parts.templates(),
                parts.settings().recentPrompts(), host.io(), fx);
        // what a real endpoint is known to have (Settings, its last failure); the demo runs every bundled template
        studio.endpointModelsProperty().set(parts.profile().demo() ? List.of() : parts.profile().models());
        rememberModels();
        panel = new EndpointPanelModel(parts.owned(), () -> studio.endpointModelsProperty().get(),
                () -> ModelFiles.checkpoints(session.templateProperty().get().workflow()), Clock.systemUTC(),
                ZoneId.systemDefault(), host.io(), fx);
        preferences = new SimpleObjectProperty<>(parts.settings().preferences());
        preferences.addListener((o, was, now) -> {
            host.settingsStore().updateLater(s -> s.withPreferences(now));
            queue.useBudgets(now.budgets(), host.sessionStart()); // applies at once
        });
        queue.useBudgets(preferences.get().budgets(), host.sessionStart());
        // the View menu and Settings choose the theme; it applies at once and is remembered
        studio.themeProperty().bindBidirectional(host.theme().choiceProperty());
        studio.themeProperty().addListener((o, was, now) -> {
            if (now != null) {
                host.settingsStore().updateLater(s -> s.withTheme(now));
            }
        });
        studio.setConfirmation(parts.settings().confirmJobsOver(), question -> CompletableFuture.completedFuture(
                dialogs.confirm(Messages.get("window.confirmMany.title"), null, question,
                        Messages.get("window.confirmMany.yes"), Messages.get("window.confirmMany.no"))));
        studio.setRecentSaver(recent -> host.settingsStore().updateLater(s -> s.withRecentPrompts(recent)));
        studio.setWordLists(new WordLists(parts.wordLists()));
        json = new JsonPanelViewModel(session, () -> new JsonPanelViewModel.Target(parts.baseUrl(),
                parts.profile().endpointId()));
        gallery.reuse().setOnSettingsUsed(seeded -> {
            if (seeded) {
                params.fixSeed(); // "Use these settings": Generate makes that picture again
            }
        });
        gallery.reuse().setImageTemplateAction(studio::switchToImageTemplate);
        gallery.reuse().setRetryAction(() -> {
            params.randomizeSeed();
            studio.generate();
        });
    }

    /** Builds the studio into {@code scene} (which must already be the window's) and starts showing the library. */
    public StudioView build(Scene scene) {
        ClosingQuestion.install(scene, dialogs, parts.profile().demo(), queue);
        gallery.refresh();
        if (parts.settingsNote() != null) {
            studio.notice(Messages.get(parts.settingsNote()));
        }
        // the rescan and the queue's start run just after the studio shows: what they find is shown when they end
        Futures.detach(parts.resumed().whenCompleteAsync((found, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                studio.notice(Messages.get("window.resumeFailed", Messages.of(cause)));
            } else if (found != null && found.changed()) {
                gallery.refresh();
            }
            if (firstJob) {
                studio.notice(Messages.get("window.firstJob", parts.profile().name()));
                studio.generate(); // a new endpoint's first job: journaled and saved like any other
            }
        }, host.fx()), "showing what the rescan found");
        var galleryView = new GalleryView(gallery, this::showFolder);
        Runnable shortcuts = () -> dialogs.table(Messages.get("window.shortcuts.title"),
                Messages.get("window.shortcuts.title"), Shortcut.rows(), Shortcut.table());
        galleryView.showAboveTheGrid(new PendingStrip(queue));
        galleryView.exportChoicesProperty().set(preferences.get().export());
        galleryView.exportChoicesProperty().addListener((o, was, now) ->
                preferences.set(preferences.get().withExport(now)));
        var notifications = new JobNotifications(host.notifier(), host.io(), host.fx(),
                () -> preferences.get().notifications() && scene.getWindow() != null && !scene.getWindow().isFocused(),
                studio::notice);
        queue.setOnEnded(notifications::ended);
        if (scene.getWindow() instanceof Stage stage) { // "Easel · 2 running · 45 %" in taskbars and window lists
            stage.titleProperty().bind(queue.windowTitle());
        }
        var endpointWindows = new EndpointWindows(panel, new BillModel(parts.owned(), parts.queue().spending(),
                Clock.systemUTC(), host.io(), host.fx()), new EndpointLifeModel(parts.owned(), parts.profile(),
                host.settingsStore(), host.secrets(), host.io(), host.fx()), dialogs, host.fx(),
                () -> host.switchEndpoint(state()), id -> host.switchEndpoint(state().withFirstJob(
                        parts.templates().stream().filter(t -> t.id().equals(id)).findFirst()
                                .orElse(parts.defaultTemplate()))));
        scene.getAccelerators().put(Shortcut.ENDPOINT.combination(), endpointWindows::openPanel);
        var view = new StudioView(studio, queue, galleryView, new QueueView(queue), () -> new JsonPanelView(json),
                new StudioView.EndpointInfo(parts.profile().name(), parts.profile().demo(), panel.noticeProperty(),
                        endpointWindows::openPanel),
                () -> openSettings(scene),
                new StudioView.Help(() -> dialogs.info(Messages.get("window.about.title"),
                        Messages.get("window.about.header", host.version()), host.about(), false,
                        MainWindow.class.getResource("/dev/easel/icons/easel-64.png")),
                        shortcuts, () -> showFolder(host.logs())),
                new UserTemplatesModel(parts.templateLibrary(), session, studio, dialogs, host.io(), host.fx()));
        panel.start(); // asks the account now and then: the status bar says when Runpod scaled the endpoint down
        view.sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                panel.close(); // a studio rebuilt for another endpoint: this one's timer and log end
            }
        });
        installGenerateShortcut(scene, studio::generate);
        var sweepWindows = new SweepWindows(SweepModel.of(parts.queue(), parts.sweeps(), studio::cellJobs, studio.wordLists(),
                studio::confirmOver, parts.owned().queue(), parts.shareable(), host.io(), host.fx()), session::editedWorkflow,
                r -> Futures.detach(gallery.showPicture(r.gridImage()), "showing a grid"), studio::notice);
        sweepWindows.install(params, gallery, scene, galleryView::showAboveTheGrid, studio.endpointModelsProperty()::get);
        scene.getAccelerators().put(Shortcut.HELP.combination(), shortcuts);
        scene.getAccelerators().put(Shortcut.QUIT.combination(), () -> requestClose(scene.getWindow()));
        galleryView.installDropTarget(view); // a workflow, an image or a status answer dropped anywhere
        view.panesProperty().set(WindowPlacement.panes(host.savedWindow()));
        if (scene.getWindow() instanceof Stage stage) {
            WindowPlacement.keepWhileShown(stage, view.panesProperty(), host::keepWindow);
        }
        return view;
    }

    /** Opens a folder; without a file manager its path is copied and said, rather than nothing happening. */
    private void showFolder(Path folder) {
        if (!host.showFolder(folder)) {
            var path = new ClipboardContent();
            path.putString(folder.toString());
            Clipboard.getSystemClipboard().setContent(path);
            studio.notice(Messages.get("window.noFileManager", folder.toString()));
        }
    }

    /** Files handed over ("Open with" while Easel runs, or named at start): imported, the window brought forward. */
    public void open(List<Path> files, Window window) {
        if (window instanceof Stage stage) {
            stage.setIconified(false);
            stage.toFront();
        }
        if (!files.isEmpty()) {
            gallery.reuse().importFiles(files);
        }
    }

    /** What the user set, to carry into the window that replaces this one. */
    public StudioState state() {
        return StudioState.capture(session, params);
    }

    public WorkflowSession session() {
        return session;
    }

    public ParamsViewModel params() {
        return params;
    }

    public StudioViewModel studio() {
        return studio;
    }

    /**
     * When a job fails because the endpoint lacks a checkpoint, the worker says which it has: that list is kept on
     * the endpoint's profile (Settings shows it) and marks the templates, so the next start knows it too.
     */
    private void rememberModels() {
        EndpointProfile profile = parts.profile();
        if (profile.demo()) {
            return;
        }
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        parts.queue().addListener(jobs -> {
            for (var j : jobs) {
                if (j.phase() != JobPhase.FAILED || !seen.add(j.id())) {
                    continue;
                }
                JobError.availableCheckpoints(j.errorDetail()).ifPresent(models -> {
                    host.fx().execute(() -> studio.endpointModelsProperty().set(models));
                    if (!models.equals(profile.models())) {
                        host.settingsStore().updateLater(s -> s.withProfileModels(profile.id(), models));
                    }
                });
            }
        });
    }

    private void openSettings(Scene scene) {
        // reading the settings and probing the keychain are I/O: done first, off the FX thread
        record Loaded(Settings settings, Secrets secrets) { }
        Futures.detach(CompletableFuture.supplyAsync(() -> {
            Secrets secrets = host.secrets();
            secrets.store(); // opened here, off the FX thread
            return new Loaded(host.settingsStore().load().settings(), secrets);
        }, host.io()).thenAcceptAsync(loaded -> {
                    var dialog = new Stage();
                    dialog.initOwner(scene.getWindow());
                    dialog.initModality(Modality.WINDOW_MODAL);
                    dialog.setTitle(Messages.get("window.settings.title"));
                    var vm = new SettingsViewModel(host.settingsStore(), loaded.secrets(), host.defaultOutputDir(),
                            loaded.settings(), parts.templates(), host.io(), host.fx());
                    vm.themeProperty().bindBidirectional(studio.themeProperty()); // live, as in the View menu
                    vm.notificationsProperty().set(preferences.get().notifications());
                    vm.notificationsProperty().addListener((o, was, on) ->
                            preferences.set(preferences.get().withNotifications(on)));
                    vm.budgetsProperty().set(preferences.get().budgets());
                    vm.budgetsProperty().addListener((o, was, b) -> preferences.set(preferences.get().withBudgets(b)));
                    dialog.setOnHidden(e -> vm.themeProperty().unbindBidirectional(studio.themeProperty()));
                    var view = new SettingsView(vm, dialog::close, switched -> host.fx().execute(() -> {
                        if (switched) {
                            dialog.close();
                            host.switchEndpoint(state());
                        } else {
                            studio.setConfirmOver(vm.confirmJobsOverProperty().get()); // applies at once
                        }
                    }), () -> new AccountConnectModel(host.settingsStore(), loaded.secrets(),
                            (at, key) -> new OkHttpRunpodAccount(AccountConfig.of(at, key)), host.io(), host.fx()));
                    var dialogScene = new Scene(view, 760, 600);
                    dialogScene.getStylesheets().addAll(scene.getStylesheets());
                    dialog.setScene(dialogScene);
                    dialog.show();
                }, host.fx()), "opening Settings");
    }

    /**
     * Ctrl/Cmd+Enter generates once, whatever has the focus. Not a scene accelerator: a Spinner's editor hands its
     * key events on to the Spinner, so an accelerator would see the same key press twice and queue two jobs. A filter
     * takes the press before any control does.
     */
    public static void installGenerateShortcut(Scene scene, Runnable generate) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcut.GENERATE.matches(e)) {
                e.consume();
                generate.run();
            }
        });
    }

    /**
     * Closes the window as its close button does: the close request is asked first (running jobs), and a "no" keeps
     * it open.
     */
    static void requestClose(Window window) {
        if (window == null) {
            return;
        }
        var request = new WindowEvent(window, WindowEvent.WINDOW_CLOSE_REQUEST);
        if (window.getOnCloseRequest() != null) {
            window.getOnCloseRequest().handle(request);
        }
        if (!request.isConsumed()) {
            window.hide();
        }
    }
}
