package dev.easel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/** The top-level command: with no subcommand it opens the window. */
@Command(name = "easel", mixinStandardHelpOptions = true, versionProvider = EaselCommand.Version.class,
        description = "A desktop studio for ComfyUI workflows on Runpod Serverless. With no command, opens the window.",
        subcommands = {GenerateCommand.class, ServeDemoCommand.class, InspectCommand.class, DecodeCommand.class,
            StartupCacheCommand.class})
public final class EaselCommand implements Callable<Integer> {

    /** The version the build wrote into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            var p = new Properties();
            try (var in = EaselCommand.class.getResourceAsStream("/dev/easel/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"Easel " + p.getProperty("version", "(development build)"),
                "Java " + Runtime.version()};
        }
    }

    private final ToIntFunction<List<Path>> openWindow;

    @CommandLine.Parameters(arity = "0..*", paramLabel = "FILE", description = {"Files to open: a workflow, "
            + "an image made by ComfyUI, A1111 or Easel, or a saved /status answer (what the desktop's \"Open with\" "
            + "passes)."})
    List<Path> files = new ArrayList<>();

    @CommandLine.Option(names = "--smoke-test", description = {"Start headless with a fresh, temporary "
            + "profile, generate one small picture on the embedded demo endpoint, and exit: 0 when it was saved, "
            + "1 with the reason otherwise. For checking an installation."})
    boolean smokeTest;

    /** @param openWindow opens the window (with files to open) and returns the exit code once it closes */
    public EaselCommand(ToIntFunction<List<Path>> openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    public Integer call() throws IOException {
        Path temporary = null;
        if (smokeTest) {
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("easel.smokeTest", "true");
            System.setProperty("easel.demo.timeScale", System.getProperty("easel.demo.timeScale", "0.05"));
            if (System.getProperty("easel.home") == null) {
                // never the user's own settings, library or Runpod profile
                temporary = Files.createTempDirectory("easel-smoke");
                System.setProperty("easel.home", temporary.toString());
            }
        }
        if (temporary != null) {
            // also when the run is stopped (Ctrl+C, a time limit): the profile never outlives the process
            Path profile = temporary;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(profile), "easel-smoke-cleanup"));
        }
        int code = openWindow.applyAsInt(files);
        if (temporary != null) {
            deleteTree(temporary);
        }
        return code;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file vanished meanwhile: what is left goes with the temporary folder
        }
    }
}
