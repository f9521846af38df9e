import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Easel's packages with the JDK's own jlink and jpackage (run by the -Pdist profile, on the OS you package
 * for): a runtime image from jlink.properties, an app-image, the smoke test on that app-image (the training run of its
 * startup cache), then the installer types asked for (deb/rpm on Linux, msi/exe on Windows, dmg/pkg on macOS).
 *
 * <p>Usage: {@code java packaging/Dist.java VERSION TARGET_DIR APP_JAR [TYPE ...]}; TARGET_DIR holds {@code dist/app}
 * (the libraries' jars) and {@code dist/javafx} (the JavaFX jars of this platform), which Maven fills.
 */
public final class Dist {

    public static void main(String[] args) throws Exception {
        String version = args[0].replaceAll("[^0-9.].*$", ""); // jpackage wants 1.2.3: 0.1.0-SNAPSHOT -> 0.1.0
        Path target = Path.of(args[1]);
        Path appJar = Path.of(args[2]);
        List<String> types = Arrays.asList(args).subList(3, args.length).stream()
                .flatMap(t -> Arrays.stream(t.split("[,\\s]+"))).filter(t -> !t.isBlank()).toList();
        Path repo = Path.of("").toAbsolutePath();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(repo.resolve("jlink.properties"))) {
            p.load(r);
        }
        Path dist = target.resolve("dist");
        Path runtime = dist.resolve("runtime");
        Path images = dist.resolve("image");
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String osDir = os.contains("win") ? "windows" : os.contains("mac") ? "macos" : "linux";

        Files.copy(appJar, dist.resolve("app").resolve("easel.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // 1. the runtime: JDK modules from this JDK, JavaFX modules from the platform jars (modular jars work)
        delete(runtime);
        List<String> fx = jars(dist.resolve("javafx")).stream()
                .filter(j -> j.getFileName().toString().matches(".*-(linux|win|mac)(-aarch64)?\\.jar")).map(Path::toString)
                .toList();
        List<String> jlink = new ArrayList<>(List.of("--module-path", String.join(java.io.File.pathSeparator, fx),
                "--add-modules", p.getProperty("modules").replaceAll("\\s+", ""), "--output", runtime.toString()));
        jlink.addAll(words(p.getProperty("options")));
        run("jlink", jlink);

        // 2. the app-image: the runtime, and the app's jars on a module path
        delete(images);
        Path icon = repo.resolve("icons").resolve(osDir.equals("windows") ? "easel.ico"
                : osDir.equals("macos") ? "easel.icns" : "png/easel-256.png");
        List<String> common = new ArrayList<>(List.of("--name", p.getProperty("name"), "--app-version", version,
                "--vendor", p.getProperty("vendor"), "--description", p.getProperty("description"),
                "--copyright", p.getProperty("copyright"), "--dest", images.toString()));
        List<String> image = new ArrayList<>(common);
        image.addAll(List.of("--type", "app-image", "--runtime-image", runtime.toString(),
                "--module-path", dist.resolve("app").toString(), "--module", p.getProperty("main"),
                "--icon", icon.toString()));
        // macOS: nothing may write into a signed app bundle, so there is no startup cache to read; without the
        // option the JVM at least uses the JDK's own class-data sharing (a missing cache would mean none at all)
        boolean startupCache = !osDir.equals("macos");
        for (String option : words(p.getProperty("java-options"))) {
            if (startupCache || !option.startsWith("-XX:AOTCache=")) {
                image.add("--java-options");
                image.add(option);
            }
        }
        // sqlite-jdbc's native library, taken out of its jar once here: otherwise it is written to the temporary
        // folder at every start (~20 ms, and it fails where that folder is mounted noexec)
        String sqliteLib = osDir.equals("windows") ? "sqlitejdbc.dll" : osDir.equals("macos") ? "libsqlitejdbc.dylib"
                : "libsqlitejdbc.so";
        for (String option : List.of("-Dorg.sqlite.lib.path=$APPDIR/native", "-Dorg.sqlite.lib.name=" + sqliteLib)) {
            image.add("--java-options");
            image.add(option);
        }
        if (osDir.equals("macos")) {
            image.addAll(List.of("--mac-package-identifier", "dev.easel.Easel", "--resource-dir",
                    repo.resolve("packaging/macos").toString()));
        }
        run("jpackage", image);
        Path app = Files.list(images).filter(Files::isDirectory).findFirst().orElseThrow();
        System.out.println("app-image: " + app);
        Path appDir = Stream.of("lib/app", "app", "Contents/app").map(app::resolve).filter(Files::isDirectory)
                .findFirst().orElseThrow(() -> new IllegalStateException("no app folder in " + app));
        extractSqliteNative(dist.resolve("app"), osDir, sqliteLib, appDir.resolve("native"));
        if (osDir.equals("linux")) {
            writeLinuxLauncher(app, p.getProperty("name"));
        }

        // 3. the smoke test on the app-image, run as the training of its startup cache (StartupCache), which is
        // valid in this folder only: the app-image keeps it, the installers get none (their install writes one)
        Path launcher = osDir.equals("windows") ? app.resolve(p.getProperty("name") + ".exe")
                : osDir.equals("macos") ? app.resolve("Contents/MacOS/" + p.getProperty("name"))
                : app.resolve("bin/" + p.getProperty("name"));
        Process smoke = new ProcessBuilder(launcher.toString(), startupCache ? "startup-cache" : "--smoke-test")
                .inheritIO().start();
        int code = smoke.waitFor();
        if (code != 0) {
            throw new IllegalStateException("the packaged app's smoke test failed (exit " + code + ")");
        }
        Path cache = Files.exists(appDir.resolve("easel.aot")) ? appDir.resolve("easel.aot") : null;
        if (startupCache && cache == null) {
            throw new IllegalStateException("the training run wrote no startup cache");
        }
        if (startupCache) {
            // the launcher must really use it: a cache the JVM refuses (other options, another module path) costs
            // ~0.5 s per start and says nothing (-Xlog:aot=off)
            Path classLog = dist.resolve("class-load.txt");
            ProcessBuilder check = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(classLog.toFile());
            check.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info");
            if (check.start().waitFor() != 0) {
                throw new IllegalStateException("the packaged app's --version failed: see " + classLog);
            }
            long easelClasses;
            try (Stream<String> lines = Files.lines(classLog)) {
                easelClasses = lines.filter(l -> l.contains(" dev.easel.") && l.contains("source: shared objects file"))
                        .count();
            }
            if (easelClasses < 100) {
                throw new IllegalStateException("the launcher did not use the startup cache (" + easelClasses
                        + " of Easel's classes came from it): see " + classLog);
            }
            System.out.println("startup cache in use: " + easelClasses + " of Easel's classes loaded from it");
        }

        // the cache and what it was made for (easel.aot.id) wait beside while the installers are made
        Path aside = dist.resolve("easel.aot");
        Path asideId = dist.resolve("easel.aot.id");
        Path cacheId = cache == null ? null : cache.resolveSibling("easel.aot.id");
        if (cache != null) {
            Files.move(cache, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(cacheId, asideId, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        // 4. installers, from the app-image
        try {
            for (String type : types) {
                List<String> installer = new ArrayList<>(common);
                installer.addAll(List.of("--type", type, "--app-image", app.toString(), "--dest",
                        dist.resolve("installers").toString(), "--resource-dir",
                        repo.resolve("packaging").resolve(osDir).toString()));
                installer.addAll(installerOptions(osDir, repo, p));
                run("jpackage", installer);
            }
        } finally {
            if (cache != null) {
                Files.move(aside, cache);
                Files.move(asideId, cacheId);
            }
        }
    }

    /** Copies sqlite-jdbc's native library for this OS and processor out of its jar into {@code target}. */
    private static void extractSqliteNative(Path jars, String os, String lib, Path target) throws IOException {
        Path jar = jars(jars).stream().filter(j -> j.getFileName().toString().startsWith("sqlite-jdbc-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sqlite-jdbc jar in " + jars));
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> throw new IllegalStateException("no sqlite-jdbc library for " + System.getProperty("os.arch"));
        };
        String entry = "org/sqlite/native/" + switch (os) {
            case "windows" -> "Windows";
            case "macos" -> "Mac";
            default -> "Linux";
        } + "/" + arch + "/" + lib;
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            var e = zip.getEntry(entry);
            if (e == null) {
                throw new IllegalStateException(jar + " has no " + entry);
            }
            Files.createDirectories(target);
            try (var in = zip.getInputStream(e)) {
                Files.copy(in, target.resolve(lib), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Replaces jpackage's native launcher on Linux by a shell script that starts the same JVM with the same options
     * (those of the launcher's .cfg, which stays the one description of them: the startup cache reads it too). The
     * native launcher asks rpm and dpkg which package owns it on every start, two commands that cost ~80 ms here
     * and more where dpkg knows many packages. The app renames its process back to the app's name.
     */
    private static void writeLinuxLauncher(Path app, String name) throws IOException {
        Path cfg = app.resolve("lib/app/" + name + ".cfg");
        var config = dev.easel.cli.StartupCache.LauncherConfig.read(cfg);
        if (!config.otherLines().isEmpty()) {
            throw new IllegalStateException("the Linux launcher script doesn't know these lines of " + cfg + ": "
                    + config.otherLines());
        }
        StringBuilder script = new StringBuilder("""
                #!/bin/sh
                # %1$s's launcher, written by packaging/Dist.java from lib/app/%1$s.cfg in place of jpackage's native
                # launcher, which asks rpm and dpkg which package owns it on every start. Same JVM, options and module.
                self=$(readlink -f "$0")
                ROOTDIR=${self%%/bin/*}
                BINDIR=$ROOTDIR/bin
                APPDIR=$ROOTDIR/lib/app
                exec "$ROOTDIR/lib/runtime/bin/java" \\
                """.formatted(name));
        for (String option : config.javaOptions()) {
            script.append("    ").append(shellWord(option)).append(" \\\n");
        }
        script.append("    \"-Djpackage.app-path=$self\" \\\n");
        script.append("    -m ").append(shellWord(config.mainModule())).append(" \"$@\"\n");
        Path launcher = app.resolve("bin/" + name);
        Files.delete(launcher);
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A double-quoted shell word in which only jpackage's $APPDIR, $BINDIR and $ROOTDIR expand. */
    private static String shellWord(String s) {
        String quoted = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`").replace("$", "\\$");
        for (String variable : List.of("APPDIR", "BINDIR", "ROOTDIR")) {
            quoted = quoted.replace("\\$" + variable, "$" + variable);
        }
        return "\"" + quoted + "\"";
    }

    /** The per-OS installer options: menu entries, file types, dependencies, upgrade identity. */
    private static List<String> installerOptions(String os, Path repo, Properties p) throws IOException {
        Path dir = repo.resolve("packaging").resolve(os);
        List<String> o = new ArrayList<>();
        switch (os) {
            case "linux" -> {
                o.addAll(List.of("--linux-package-name", "easel", "--linux-menu-group", "Graphics",
                        "--linux-app-category", "graphics", "--linux-shortcut",
                        "--linux-package-deps", Files.readString(dir.resolve("deb-depends.txt")).strip()));
            }
            case "windows" -> {
                o.addAll(List.of("--win-menu", "--win-menu-group", p.getProperty("name"), "--win-shortcut",
                        "--win-dir-chooser", "--win-per-user-install",
                        "--win-upgrade-uuid", Files.readString(dir.resolve("upgrade-uuid.txt")).strip()));
                o.addAll(List.of("--file-associations", dir.resolve("png.properties").toString(),
                        "--file-associations", dir.resolve("json.properties").toString()));
            }
            default -> o.addAll(List.of("--mac-package-identifier", "dev.easel.Easel",
                    "--mac-app-category", "public.app-category.graphics-design",
                    "--file-associations", dir.resolve("png.properties").toString(),
                    "--file-associations", dir.resolve("json.properties").toString()));
        }
        return o;
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    private static void run(String tool, List<String> args) {
        System.out.println("> " + tool + " " + String.join(" ", args));
        ToolProvider t = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException(
                tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        int code = t.run(System.out, System.err, args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException(tool + " failed with exit code " + code);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
