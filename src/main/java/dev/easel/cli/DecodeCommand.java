package dev.easel.cli;

import dev.easel.api.JobOutput;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.OutputImage;
import dev.easel.api.RunpodConfig;
import dev.easel.api.RunpodException;
import dev.easel.io.AtomicFiles;
import dev.easel.library.LibraryException;
import dev.easel.library.PngChunks;
import dev.easel.library.SavedStatus;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import dev.easel.workflow.ImageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code easel decode STATUS.json [--out DIR]}: writes the images of a saved {@code /status} answer to disk, as
 * received (no re-encoding), for every output shape; the tutorial's decode script, done right.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Writes the images of a saved Runpod /status answer (what `curl … > comfyui_output.json` "
                + "saves) to disk, exactly as received.",
                "Exit code 0 when every image was written, 2 otherwise (failed, expired, malformed, an image damaged)."})
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STATUS.json", arity = "1..*",
            description = "Saved answers of GET /status/{id} (or of /runsync); several may be given.")
    List<Path> files;

    @Option(names = "--out", defaultValue = ".", description = "The folder to write the images to (default: here).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int worst = 0;
        try (OkHttpRunpodClient downloads = new OkHttpRunpodClient(
                RunpodConfig.of(URI.create("https://api.runpod.ai/v2"), "decode", null))) {
            for (Path file : files) {
                worst = Math.max(worst, decode(file, downloads));
            }
        }
        return worst;
    }

    private int decode(Path file, OkHttpRunpodClient downloads) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        SavedStatus saved;
        try {
            saved = SavedStatus.read(file);
        } catch (LibraryException e) {
            return fail(err, Messages.of(e));
        }
        try {
            return write(saved.images(), downloads, stdout, err);
        } finally {
            saved.discard();
        }
    }

    private int write(JobOutput.Images images, OkHttpRunpodClient downloads, PrintWriter stdout, PrintWriter err) {
        int written = 0;
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            return fail(err, Messages.get("cli.decode.cantWrite", out, e.getMessage()));
        }
        for (OutputImage img : images.images()) {
            String name = img.safeFilename();
            try {
                byte[] bytes = img.transport() == OutputImage.Transport.URL ? downloads.download(img.url())
                        : img.decode();
                ImageType type = ImageType.detect(bytes);
                if (type == ImageType.UNKNOWN) {
                    fail(err, Messages.get("library.status.notImage", name));
                    continue;
                }
                if (type == ImageType.PNG && !PngChunks.isComplete(bytes)) {
                    fail(err, Messages.get("library.status.imageCutShort", name));
                    continue;
                }
                int dot = name.lastIndexOf('.');
                String stem = dot > 0 ? name.substring(0, dot) : name;
                Path target = unique(out, stem, type.extension());
                AtomicFiles.write(target, bytes);
                stdout.println(target);
                written++;
            } catch (RunpodException e) {
                fail(err, Messages.get("library.status.imageFailed", name, Messages.of(e)));
            } catch (IOException e) {
                return fail(err, Messages.get("cli.decode.cantWrite", out, e.getMessage()));
            } catch (RuntimeException e) { // whatever the answer holds, a sentence, never a stack trace
                fail(err, Messages.get("cli.decode.unreadable", name, e.getClass().getSimpleName()));
            }
        }
        for (Text e : images.errors()) {
            fail(err, Messages.get("jobs.save.workerReported", Messages.get(e)));
        }
        stdout.flush();
        err.flush();
        return written > 0 && written == images.images().size() ? 0 : 2;
    }

    /** A name in {@code dir} not taken yet: never overwrites what is there. */
    private static Path unique(Path dir, String stem, String ext) {
        Path p = dir.resolve(stem + "." + ext);
        for (int n = 2; Files.exists(p); n++) {
            p = dir.resolve(stem + "-" + n + "." + ext);
        }
        return p;
    }

    private static int fail(PrintWriter err, String message) {
        err.println(Messages.get("cli.decode.said", message));
        err.flush();
        return 2;
    }
}
