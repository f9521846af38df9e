package dev.easel.settings;

import dev.dirs.ProjectDirectories;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Easel keeps its own files, in the platform's usual places (XDG on Linux, Application Support on macOS,
 * AppData on Windows), results in the Pictures folder. {@code EASEL_HOME} moves them all under one folder, for
 * tests and portable use.
 */
public record AppFolders(Path data, Path config, Path cache, Path pictures, Path logs) {

    /** The platform's folders, or all under {@code EASEL_HOME} (or the {@code easel.home} system property). */
    public static AppFolders platform() {
        String home = System.getProperty("easel.home", System.getenv("EASEL_HOME"));
        if (home != null && !home.isBlank()) {
            return under(Path.of(home));
        }
        ProjectDirectories dirs = ProjectDirectories.from("dev", "Easel", "Easel");
        String pictures = null;
        try {
            pictures = dev.dirs.UserDirectories.get().pictureDir;
        } catch (RuntimeException e) {
            // no desktop folders known (a bare server): fall back below
        }
        Path pics = pictures != null ? Path.of(pictures) : Path.of(System.getProperty("user.home"), "Pictures");
        Path data = Path.of(dirs.dataDir);
        return new AppFolders(data, Path.of(dirs.configDir), Path.of(dirs.cacheDir), pics.resolve("Easel"),
                platformLogs(data));
    }

    /** Everything under one folder. */
    public static AppFolders under(Path root) {
        return new AppFolders(root.resolve("data"), root.resolve("config"), root.resolve("cache"),
                root.resolve("pictures"), root.resolve("logs"));
    }

    /**
     * Where logs and error reports go: {@code ~/Library/Logs/Easel} on macOS, {@code %LOCALAPPDATA%\\Easel\\logs}
     * on Windows, {@code $XDG_STATE_HOME/easel/logs} (default {@code ~/.local/state}) on Linux; {@code logs} under
     * the one folder of {@link #under} (EASEL_HOME).
     */
    private static Path platformLogs(Path data) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of(System.getProperty("user.home"), "Library", "Logs", "Easel");
        }
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return local != null ? Path.of(local, "Easel", "logs") : data.resolve("logs");
        }
        String state = System.getenv("XDG_STATE_HOME");
        return (state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state")).resolve("easel").resolve("logs");
    }

    /** The user's own workflow templates. */
    public Path templates() {
        return data.resolve("templates");
    }
}
