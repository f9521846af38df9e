package dev.easel.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The top-level command: with no subcommand it opens the window. */
@Command(name = "easel", mixinStandardHelpOptions = true, versionProvider = EaselCommand.Version.class,
        description = "A desktop studio for ComfyUI workflows on Runpod Serverless. With no command, opens the window.",
        subcommands = {GenerateCommand.class, ServeDemoCommand.class, InspectCommand.class, DecodeCommand.class,
            StartupCacheCommand.class})
public final class EaselCommand implements Callable<Integer> {

    /** The version the build wrote into version.properties. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            var p = new java.util.Properties();
            try (var in = EaselCommand.class.getResourceAsStream("/dev/easel/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"Easel " + p.getProperty("version", "(development build)"),
                "Java " + Runtime.version()};
        }
    }

    private final java.util.function.ToIntFunction<java.util.List<java.nio.file.Path>> openWindow;

    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "FILE", description = {"Files to open: a workflow, "
            + "an image made by ComfyUI, A1111 or Easel, or a saved /status answer (what the desktop's \"Open with\" "
            + "passes)."})
    java.util.List<java.nio.file.Path> files = new java.util.ArrayList<>();

    @picocli.CommandLine.Option(names = "--smoke-test", description = {"Start headless with a fresh, temporary "
            + "profile, generate one small picture on the embedded demo endpoint, and exit: 0 when it was saved, "
            + "1 with the reason otherwise. For checking an installation."})
    boolean smokeTest;

    /** @param openWindow opens the window (with files to open) and returns the exit code once it closes */
    public EaselCommand(java.util.function.ToIntFunction<java.util.List<java.nio.file.Path>> openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    public Integer call() throws java.io.IOException {
        java.nio.file.Path temporary = null;
        if (smokeTest) {
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("easel.smokeTest", "true");
            System.setProperty("easel.demo.timeScale", System.getProperty("easel.demo.timeScale", "0.05"));
            if (System.getProperty("easel.home") == null) {
                // never the user's own settings, library or Runpod profile
                temporary = java.nio.file.Files.createTempDirectory("easel-smoke");
                System.setProperty("easel.home", temporary.toString());
            }
        }
        if (temporary != null) {
            // also when the run is stopped (Ctrl+C, a time limit): the profile never outlives the process
            java.nio.file.Path profile = temporary;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(profile), "easel-smoke-cleanup"));
        }
        int code = openWindow.applyAsInt(files);
        if (temporary != null) {
            deleteTree(temporary);
        }
        return code;
    }

    private static void deleteTree(java.nio.file.Path root) {
        if (!java.nio.file.Files.exists(root)) {
            return;
        }
        try (var all = java.nio.file.Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // a file vanished meanwhile: what is left goes with the temporary folder
        }
    }
}
