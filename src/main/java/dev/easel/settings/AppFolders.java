package dev.easel.settings;

import dev.dirs.ProjectDirectories;

import java.nio.file.Path;

/**
 * Where Easel keeps its own files, in the platform's usual places (XDG on Linux, Application Support on macOS,
 * AppData on Windows). {@code EASEL_HOME} moves them all under one folder, for tests and portable use.
 */
public record AppFolders(Path data, Path config, Path cache) {

    public static AppFolders platform() {
        String home = System.getenv("EASEL_HOME");
        if (home != null && !home.isBlank()) {
            return under(Path.of(home));
        }
        ProjectDirectories dirs = ProjectDirectories.from("dev", "Easel", "Easel");
        return new AppFolders(Path.of(dirs.dataDir), Path.of(dirs.configDir), Path.of(dirs.cacheDir));
    }

    /** Everything under one folder. */
    public static AppFolders under(Path root) {
        return new AppFolders(root.resolve("data"), root.resolve("config"), root.resolve("cache"));
    }

    /** The user's own workflow templates. */
    public Path templates() {
        return data.resolve("templates");
    }
}
