package dev.easel.cli;

import dev.easel.text.Text;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app's startup cache: a JVM AOT cache ({@code -XX:AOTCache}, JDK 25) of Easel's classes, already
 * loaded and linked, with method profiles, beside the launcher's configuration. It is only valid for the folder it
 * was made in (the JVM checks the module path), so the build ships none: it is written where the app lives, by
 * running the smoke test once with {@code -XX:AOTCacheOutput} and the launcher's own JVM options. The Linux package's
 * install script does it; so does the first run of a portable or per-user copy.
 */
public final class StartupCache {

    /** The cache's file name in the app folder, as {@code jlink.properties} names it. */
    public static final String FILE = "easel.aot";

    private StartupCache() {
    }

    /**
     * Where a jpackage app keeps its parts: the launcher, the app folder with the launcher's {@code .cfg}, the root.
     */
    public record Layout(Path launcher, Path appDir, Path root) {

        public Path cache() {
            return appDir.resolve(FILE);
        }

        /** What the cache was made for (see {@link StartupCache#fingerprint}), written beside it. */
        public Path cacheId() {
            return appDir.resolve(FILE + ".id");
        }

        public Path config() {
            return appDir.resolve(name() + ".cfg");
        }

        private String name() {
            return launcher.getFileName().toString().replaceFirst("(?i)\\.exe$", "");
        }

        /** The running app's layout; empty when it was not started by a jpackage launcher (a development run). */
        public static Optional<Layout> current() {
            String launcher = System.getProperty("jpackage.app-path");
            return launcher == null ? Optional.empty() : of(Path.of(launcher).toAbsolutePath());
        }

        /** The layout around a launcher: {@code bin/X} + {@code lib/app} (Linux), {@code X.exe} + {@code app}
         * (Windows), {@code Contents/MacOS/X} + {@code Contents/app} (macOS). */
        public static Optional<Layout> of(Path launcher) {
            Path bin = launcher.getParent();
            if (bin == null) {
                return Optional.empty();
            }
            List<Layout> candidates = new ArrayList<>();
            if (bin.getParent() != null) {
                candidates.add(new Layout(launcher, bin.getParent().resolve("lib").resolve("app"), bin.getParent()));
                candidates.add(new Layout(launcher, bin.getParent().resolve("app"), bin.getParent().getParent()));
            }
            candidates.add(new Layout(launcher, bin.resolve("app"), bin));
            return candidates.stream().filter(l -> l.root() != null && Files.isRegularFile(l.config())).findFirst();
        }
    }

    /**
     * The command that runs the smoke test on the launcher's JVM options and writes an AOT cache to {@code output}:
     * the {@code .cfg}'s {@code java-options} with jpackage's {@code $APPDIR}, {@code $BINDIR} and {@code $ROOTDIR}
     * filled in (the cache is only valid for the same module path and module options), without the options that
     * read a cache or choose how classes are shared (the JVM refuses them beside {@code -XX:AOTCacheOutput}), and its
     * main module.
     */
    static List<String> trainingCommand(Layout layout, Path java, Path output) throws IOException {
        LauncherConfig cfg = LauncherConfig.read(layout.config());
        List<String> command = new ArrayList<>(List.of(java.toString()));
        for (String option : cfg.javaOptions()) {
            option = option.replace("$APPDIR", layout.appDir().toString())
                    .replace("$BINDIR", layout.launcher().getParent().toString())
                    .replace("$ROOTDIR", layout.root().toString());
            if (!option.startsWith("-XX:AOTCache=") && !option.startsWith("-XX:SharedArchiveFile=")
                    && !option.startsWith("-XX:AOTMode=") && !option.startsWith("-Xshare:")
                    && !option.equals("-XX:+AutoCreateSharedArchive")) {
                command.add(option);
            }
        }
        command.add("-Djpackage.app-path=" + layout.launcher());
        command.add("-XX:AOTCacheOutput=" + output);
        command.addAll(List.of("-m", cfg.mainModule(), "--smoke-test"));
        return command;
    }

    /**
     * A jpackage launcher's configuration ({@code NAME.cfg}): the main module, the JVM options as written (with
     * {@code $APPDIR} and friends), and any line this reader doesn't use. Read by the startup cache's training and by
     * {@code packaging/Dist.java}, which writes the Linux launcher script from it.
     */
    public record LauncherConfig(String mainModule, List<String> javaOptions, List<String> otherLines) {

        public static LauncherConfig read(Path cfg) throws IOException {
            String mainModule = null;
            List<String> options = new ArrayList<>();
            List<String> other = new ArrayList<>();
            String section = "";
            for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.startsWith("[") && l.endsWith("]")) {
                    section = l;
                } else if (section.equals("[Application]") && l.startsWith("app.mainmodule=")) {
                    mainModule = l.substring("app.mainmodule=".length());
                } else if (section.equals("[JavaOptions]") && l.startsWith("java-options=")) {
                    options.add(l.substring("java-options=".length()));
                } else if (!l.isEmpty()) {
                    other.add(section + " " + l);
                }
            }
            if (mainModule == null) {
                throw new IOException(cfg + " names no main module (app.mainmodule)");
            }
            return new LauncherConfig(mainModule, List.copyOf(options), List.copyOf(other));
        }
    }

    /**
     * What a cache is only valid for: the launcher's options, the runtime, and the app's jars (names, sizes, times).
     * An update that replaces the jars but leaves an old cache (a Windows installer, a copied folder) changes it, and
     * the JVM would quietly ignore that cache: {@link #isCurrent} says so and the cache is made again.
     */
    static String fingerprint(Layout layout) throws IOException {
        StringBuilder s = new StringBuilder(Files.readString(layout.config(), StandardCharsets.UTF_8))
                .append('\n').append(Runtime.version()).append('\n');
        Path mods = layout.appDir().resolve("mods");
        if (Files.isDirectory(mods)) {
            try (var jars = Files.list(mods)) {
                for (Path jar : jars.sorted().toList()) {
                    s.append(jar.getFileName()).append(' ').append(Files.size(jar)).append(' ')
                            .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
                }
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A packaged copy in a folder its user may write (a portable app-image, a per-user install) without a current
     * startup cache (none yet, or one made before an update) writes it in the background a little after the studio
     * is up, once per version: the next start is faster. Not on macOS, where writing into the signed app bundle would
     * break its signature. The log of that run (beside the others) is also the sign it was tried.
     */
    public static void writeLaterIfNeeded(Path log, Executor io) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")
                || System.getProperty("jpackage.app-path") == null) {
            return;
        }
        io.execute(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(20));
                var layout = Layout.current();
                if (layout.isEmpty() || isCurrent(layout.get()) || Files.exists(log)
                        || !Files.isWritable(layout.get().appDir())) {
                    return;
                }
                Files.createDirectories(log.getParent());
                new ProcessBuilder(layout.get().launcher().toString(), "startup-cache", "--if-needed")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                LoggerFactory.getLogger(StartupCache.class).info("writing the startup cache in the "
                        + "background: {}", log);
            } catch (IOException e) {
                LoggerFactory.getLogger(StartupCache.class).info("no startup cache written", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** True when there is a cache and it was made for the app as it is now. */
    public static boolean isCurrent(Layout layout) {
        try {
            return Files.isRegularFile(layout.cache()) && Files.isRegularFile(layout.cacheId())
                    && Files.readString(layout.cacheId(), StandardCharsets.UTF_8).strip().equals(fingerprint(layout));
        } catch (IOException e) {
            return false;
        }
    }

    /** What became of {@link #write}: the exit code to return, and what to tell. */
    public record Outcome(int exitCode, Text message) {
    }

    /**
     * Writes the cache for {@code layout}: runs the smoke test with the running JVM's {@code java} on the launcher's
     * options, its output going to {@code log} (or this process's), then moves the new cache into place whole (a
     * starting Easel sees the old file or the new one). Nothing changes when the smoke test fails.
     */
    public static Outcome write(Layout layout, Path log) throws IOException, InterruptedException {
        if (!Files.isWritable(layout.appDir())) {
            return new Outcome(2, Text.of("cli.startupCache.cantWrite", layout.appDir()));
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        Path javaCommand = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        Path output = layout.appDir().resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        var builder = new ProcessBuilder(trainingCommand(layout, javaCommand, output));
        if (log != null) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            builder.inheritIO();
        }
        // the training's JVM gets its options from the command line only: a JAVA_TOOL_OPTIONS with a cache in it
        // would make it refuse to start
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Outcome(1, Text.of("cli.startupCache.slow"));
            }
            int code = process.exitValue();
            if (code != 0 || !Files.isRegularFile(output)) {
                return new Outcome(code == 0 ? 1 : code, Text.of("cli.startupCache.failed", code));
            }
            Files.deleteIfExists(layout.cacheId());
            Files.move(output, layout.cache(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(layout.cacheId(), fingerprint(layout) + "\n", StandardCharsets.UTF_8);
            return new Outcome(0, Text.of("cli.startupCache.written", layout.cache(),
                    Files.size(layout.cache()) / (1024 * 1024)));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(Path.of(output + ".config"));
        }
    }
}
