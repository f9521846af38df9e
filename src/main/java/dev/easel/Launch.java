package dev.easel;

import dev.easel.settings.AppFolders;
import dev.easel.settings.InstanceLock;
import dev.easel.settings.WindowState;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the launcher hands the JavaFX application, which the toolkit makes itself and so can't be given arguments:
 * the services started before JavaFX (so the two overlap), the window's saved place, the profile's lock, the files
 * named on the command line, and where the exit code goes back.
 *
 * @param lock  the profile's lock this process holds, or null where none could be taken
 * @param files files named on the command line (the desktop's "Open with"), imported once the studio is up
 */
record Launch(LaunchOptions options, StartupTrace trace, AppFolders folders, AppContext context,
              CompletableFuture<Optional<WindowState>> window, InstanceLock lock, List<Path> files,
              AtomicInteger exitCode) {

    /** The one hand-over: set by the launcher, taken once by the application. */
    private static final AtomicReference<Launch> HANDED = new AtomicReference<>();

    Launch {
        files = List.copyOf(files);
    }

    /** Starts the services and reads the window state, off this thread, and hands them to the application. */
    static Launch start(LaunchOptions options, AppFolders folders, InstanceLock lock, List<Path> files) {
        Launch launch = make(options, folders, lock, files);
        HANDED.set(launch);
        return launch;
    }

    private static Launch make(LaunchOptions options, AppFolders folders, InstanceLock lock, List<Path> files) {
        StartupTrace trace = StartupTrace.of(options.startupProbe());
        AppContext context = AppContext.forWindow(folders, options, trace);
        var window = CompletableFuture.supplyAsync(() -> WindowState.load(windowFile(folders)), context.io());
        return new Launch(options, trace, folders, context, window, lock, files, new AtomicInteger());
    }

    /** What the launcher handed over, or, for a start without the launcher (tests), a start of its own. */
    static Launch take() {
        Launch handed = HANDED.getAndSet(null);
        return handed != null ? handed : make(LaunchOptions.fromSystemProperties(), AppFolders.platform(), null, List.of());
    }

    /** Closes the services when the application never took them: nothing may keep the JVM up. */
    static void closeUnused() {
        Launch unused = HANDED.getAndSet(null);
        if (unused != null) {
            unused.context().close();
        }
    }

    static Path windowFile(AppFolders folders) {
        return folders.config().resolve("window.json");
    }
}
