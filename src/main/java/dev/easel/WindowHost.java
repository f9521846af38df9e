package dev.easel;

import dev.easel.io.DesktopNotifier;
import dev.easel.io.Futures;
import dev.easel.settings.AppFolders;
import dev.easel.settings.Secrets;
import dev.easel.settings.SettingsStore;
import dev.easel.settings.WindowState;
import dev.easel.ui.MainWindow;
import dev.easel.ui.Theme;
import dev.easel.ui.studio.StudioState;
import javafx.application.HostServices;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** What the main window asks of the app, from the app's context. */
final class WindowHost implements MainWindow.Host {

    private final AppContext context;
    private final AppFolders folders;
    private final AppContext.Services services;
    private final HostServices desktop;
    private final Theme theme;
    private Optional<WindowState> saved;
    /** Whether folders can be opened here: PATH looked through once, off the FX thread. */
    private final CompletableFuture<Boolean> fileManager;
    private final Consumer<StudioState> switchEndpoint;

    WindowHost(AppContext context, AppFolders folders, AppContext.Services services, HostServices desktop, Theme theme,
               Optional<WindowState> saved, Consumer<StudioState> switchEndpoint) {
        this.saved = saved;
        this.fileManager = CompletableFuture.supplyAsync(WindowHost::canOpenFolders, context.io());
        this.context = context;
        this.folders = folders;
        this.services = services;
        this.desktop = desktop;
        this.theme = theme;
        this.switchEndpoint = switchEndpoint;
    }

    /** The services, as the window shows them. */
    MainWindow.Parts parts() {
        var s = services;
        return new MainWindow.Parts(s.settings(), s.settingsNote(), s.profile(), s.baseUrl(), s.results().outputDir(),
                s.library(), s.importer(), s.trash(), s.queue(), s.defaultTemplate(), s.allTemplates(), s.templates(),
                context.resumed(), s.owned(), folders.data().resolve("wildcards"), s.sweeps(),
                s.lanes().candidates());
    }

    @Override
    public Instant sessionStart() {
        return context.started();
    }

    @Override
    public Executor io() {
        return context.io();
    }

    @Override
    public Executor fx() {
        return context.fxExecutor();
    }

    @Override
    public SettingsStore settingsStore() {
        return context.settingsStore();
    }

    @Override
    public Secrets secrets() {
        return context.secrets();
    }

    @Override
    public Path defaultOutputDir() {
        return folders.pictures();
    }

    @Override
    public boolean showFolder(Path folder) {
        if (!fileManager.getNow(true)) {
            return false;
        }
        desktop.showDocument(folder.toUri().toString());
        return true;
    }

    @Override
    public DesktopNotifier notifier() {
        return context.notifier();
    }

    @Override
    public Theme theme() {
        return theme;
    }

    @Override
    public Optional<WindowState> savedWindow() {
        return saved;
    }

    @Override
    public void keepWindow(WindowState state) {
        saved = Optional.of(state); // a studio rebuilt for another endpoint keeps the columns as they are now
        Futures.detach(CompletableFuture.runAsync(() -> {
            try {
                state.save(Launch.windowFile(folders));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, context.io()), "keeping the window's place");
    }

    @Override
    public Path logs() {
        return folders.logs();
    }

    @Override
    public String version() {
        return AboutEasel.version();
    }

    @Override
    public String about() {
        return AboutEasel.versions() + "\n\n" + AboutEasel.folders(folders, services.results().outputDir())
                + "\n\nEndpoint: " + services.profile().name() + (services.profile().demo()
                ? " (the embedded demo: procedural pictures, not a model)" : "");
    }

    @Override
    public void switchEndpoint(StudioState state) {
        switchEndpoint.accept(state);
    }

    /** Linux hands folders to xdg-open: without it (a bare window manager, a container) nothing would open. */
    static boolean canOpenFolders() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "xdg-open")));
    }
}
