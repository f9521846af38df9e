package dev.easel;

import dev.easel.io.Futures;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.library.JpegExif;
import dev.easel.library.WebpWriter;
import dev.easel.ui.params.ParamsViewModel;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.ui.studio.StudioViewModel;
import dev.easel.workflow.ExifText;
import dev.easel.workflow.Parameter;
import javafx.application.Platform;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code easel --smoke-test}: the packaged app proves it works. With the window up (on the Headless platform), the
 * default template loaded and bound, it generates one small picture on the embedded demo endpoint and waits for it
 * to be saved. The future completes with null on success, or with the reason it failed.
 */
final class SmokeTest {

    private SmokeTest() {
    }

    /**
     * The runtime reads the pictures Easel imports and exports: a WebP decodes through ImageIO (the TwelveMonkeys
     * reader is shipped, not only tested with) and its EXIF comment reads back through metadata-extractor.
     */
    static String picturesProblem() {
        int[] argb = new int[16 * 16];
        Arrays.fill(argb, 0xff336699);
        byte[] webp = WebpWriter.write(argb, 16, 16, JpegExif.tiff("Steps: 4"));
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(webp));
            if (img == null || img.getWidth() != 16 || (img.getRGB(3, 3) & 0xffffff) != 0x336699) {
                return "the runtime can't decode a WebP picture";
            }
        } catch (IOException e) {
            return "the runtime can't decode a WebP picture: " + e.getMessage();
        }
        try { // and libwebp encodes (its native library loads, kotlin-stdlib is in the runtime)
            var writers = ImageIO.getImageWritersByMIMEType("image/webp");
            if (!writers.hasNext()) {
                return "the runtime has no WebP encoder (libwebp)";
            }
            var writer = writers.next();
            var out = new ByteArrayOutputStream();
            try (var ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(ImageIO.read(new ByteArrayInputStream(webp)));
            }
            if (out.size() < 20) {
                return "libwebp wrote no picture";
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            return "libwebp can't encode here: " + e;
        }
        if (!"Steps: 4".equals(ExifText.read(webp).get("parameters"))) {
            return "the runtime can't read a WebP picture's EXIF";
        }
        System.out.println("smoke test: WebP decoded, its EXIF read");
        return null;
    }

    static CompletableFuture<String> run(WorkflowSession session, ParamsViewModel params, StudioViewModel studio,
                                         JobQueue queue) {
        CompletableFuture<String> done = new CompletableFuture<>();
        String pictures = picturesProblem();
        if (pictures != null) {
            done.complete(pictures);
            return done;
        }
        var b = session.bindingsProperty().get();
        for (Parameter p : List.of(Parameter.PROMPT, Parameter.SEED, Parameter.STEPS, Parameter.WIDTH)) {
            if (b == null || !b.has(p)) {
                done.complete("the default template " + session.templateProperty().get().id() + " has no " + p.key()
                        + " bound");
                return done;
            }
        }
        System.out.println("smoke test: template " + session.templateProperty().get().id() + ", "
                + b.bound().size() + " parameters bound");
        params.widthProperty().set(256);
        params.heightProperty().set(256);
        params.stepsProperty().set(4);
        studio.promptProperty().set("smoke test: a lighthouse at dusk");
        queue.addListener(jobs -> {
            for (Job j : jobs) {
                if (j.phase() == JobPhase.COMPLETED && !j.files().isEmpty()) {
                    boolean saved = j.files().stream().allMatch(Files::isRegularFile);
                    done.complete(saved ? null : "the job completed but its picture is not on disk");
                    if (saved) {
                        System.out.println("smoke test: " + j.runpodId() + " completed in "
                                + (j.execution() == null ? "?" : j.execution().toMillis() + " ms") + ", saved "
                                + j.files().getFirst());
                    }
                } else if (j.phase().isTerminal() && j.phase() != JobPhase.COMPLETED) {
                    done.complete("the job ended " + j.phase() + ": " + j.error());
                }
            }
        });
        Futures.detach(studio.generate().whenComplete((v, e) -> {
            if (e != null) {
                done.complete("Generate failed: " + e.getMessage());
            } else {
                String problem = studio.problemProperty().get();
                if (problem != null && !problem.isBlank()) {
                    done.complete("Generate refused: " + problem);
                }
            }
        }), "the smoke test's Generate");
        return done.orTimeout(120, TimeUnit.SECONDS).exceptionally(e -> e instanceof TimeoutException
                ? "no picture after 120 s" : e.getMessage());
    }

    /** Says how the smoke test went (the exit code says it too) and quits. */
    static void finish(String failure, AtomicInteger exitCode) {
        if (failure == null) {
            System.out.println("smoke test: passed");
        } else {
            System.err.println("smoke test: FAILED: " + failure);
            exitCode.set(1);
        }
        Platform.exit();
    }
}
