package dev.easel;

import dev.easel.cli.EaselCommand;
import dev.easel.settings.AppFolders;
import dev.easel.settings.InstanceLock;
import javafx.application.Application;
import dev.easel.text.Messages;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** The program's entry point: no arguments open the window, otherwise a command of {@link EaselCommand}. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StartupTrace.of(Boolean.getBoolean("easel.startupProbe")).phase("main");
        nameTheProcess();
        // before any logger exists: logback writes to the platform's log folder
        if (System.getProperty("easel.logDir") == null) {
            System.setProperty("easel.logDir", AppFolders.platform().logs().toString());
        }
        // logback reads its configuration on a thread of its own (~80 ms at startup); a logger asked for meanwhile
        // is SLF4J's stand-in, which keeps what is logged and hands it over once logback is ready (without SLF4J's
        // notice of that on the console)
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        Thread logging = Thread.ofPlatform().daemon().name("easel-logging")
                .start(LoggerFactory::getILoggerFactory);
        ToIntFunction<List<Path>> openWindow = files -> {
            // one Easel per profile: two on one journal would each send the same unfinished jobs
            // found once: on Windows the platform's folders are an OS call (PowerShell)
            AppFolders folders = AppFolders.platform();
            InstanceLock lock = null;
            switch (InstanceLock.acquireOrHand(folders.data(), files)) {
                case InstanceLock.Handed h -> {
                    System.out.println(Messages.get("app.alreadyRunning", h.files()));
                    return 0;
                }
                case InstanceLock.AlreadyRunning r -> {
                    System.err.println(r.busy() ? Messages.get("app.busy", Messages.get(r.why()))
                            : Messages.get("app.unreachable", Messages.get(r.why())));
                    return 1;
                }
                case InstanceLock.Acquired a -> lock = a.lock();
            }
            // settings, database, demo endpoint: they start while JavaFX does
            Launch launch = Launch.start(LaunchOptions.fromSystemProperties(), folders, lock, files);
            launch.trace().phase("launch");
            try {
                Application.launch(App.class, args);
            } catch (RuntimeException | LinkageError e) {
                // JavaFX could not start (no display, most often, or no GTK 3) or the window failed to build: said
                // plainly, not as a stack trace
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String why = CrashReports.scrub(root.getMessage() != null ? root.getMessage() : root.toString());
                boolean noDesktop = root instanceof LinkageError || why.contains("DISPLAY")
                        || why.toLowerCase(Locale.ROOT).contains("gtk");
                System.err.println(Messages.get("app.noWindow", why) + "\n" + (noDesktop
                        ? Messages.get("app.noWindow.desktop")
                        : Messages.get("app.noWindow.log", System.getProperty("easel.logDir"))));
                // the details in the log file only (the console shows warnings and errors), once logback is ready
                try {
                    logging.join(Duration.ofSeconds(5));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                LoggerFactory.getLogger(Launcher.class).info("JavaFX could not start\n{}",
                        CrashReports.text(Thread.currentThread(), e, folders));
                return 1;
            } finally {
                Launch.closeUnused(); // nothing may keep the JVM up
            }
            return launch.exitCode().get();
        };
        // a plain start (the desktop's icon) skips the command line parser: picocli's classes are compiled for
        // Java 5, so the JVM verifies them the slow way and can't keep them in the AOT cache (~90 ms at startup)
        int code = args.length == 0 ? openWindow.applyAsInt(List.of())
                : new CommandLine(new EaselCommand(openWindow)).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }

    /**
     * On Linux the packaged app starts through a script that runs {@code java} (packaging/Dist.java says why): the
     * process is renamed "Easel", the name system monitors show. A thread may
     * rename any thread of its process, the main one included; where that fails the name stays "java".
     */
    private static void nameTheProcess() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher == null || !System.getProperty("os.name", "").equals("Linux")) {
            return;
        }
        String name = Path.of(launcher).getFileName().toString();
        try {
            Files.writeString(Path.of("/proc/self/task/" + ProcessHandle.current().pid()
                    + "/comm"), name.substring(0, Math.min(name.length(), 15)));
        } catch (IOException | RuntimeException e) {
            // only a name
        }
    }
}
