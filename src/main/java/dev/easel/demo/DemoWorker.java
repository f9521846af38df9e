package dev.easel.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated GPU worker of the demo endpoint: takes queued jobs, starts cold once, checks each job as
 * worker-comfyui and ComfyUI do, paints its pictures and sits out an execution time that grows with
 * steps × pixels × batch, reporting progress.
 */
final class DemoWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DemoWorker.class);
    private static final double BASE_MS = 800;
    private static final double MS_PER_STEP_MEGAPIXEL = 400;
    private static final double VALIDATION_MS = 400;
    /** Input files every demo worker has, like ComfyUI's bundled example. */
    private static final Set<String> BUILT_IN_INPUTS = Set.of("example.png");

    private final ObjectMapper json = new ObjectMapper();
    private final DemoEngine engine;
    private final int index;
    private final String workerId;
    private final DemoWorkerLog workerLog;

    DemoWorker(DemoEngine engine, int index) {
        this.engine = engine;
        this.index = index;
        this.workerId = engine.fleet.id(index);
        this.workerLog = engine.fleet.log(index);
    }

    /** When the worker last became idle, and up to when its idle time is billed (System.nanoTime). */
    private long idleSince = System.nanoTime();
    private long billedTo = idleSince;

    @Override
    public void run() {
        while (engine.running) {
            if (!between()) {
                return;
            }
            DemoJob job;
            try {
                job = engine.queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null || engine.jobs.get(job.id) != job) {
                continue;
            }
            boolean wakes = engine.fleet.state(index) == DemoEngine.WorkerState.COLD;
            if ((wakes && job.lowPriority)
                    || !engine.fleet.claim(index, job, engine.account.maxWorkers(job.endpointId), engine.account.throttled())) {
                // its endpoint has no worker free for it (max workers, throttled), or it may start none (low priority)
                // and this one is cold: back in the queue, behind the others
                engine.queue.offerLast(job);
                if (!pause(100)) {
                    return;
                }
                continue;
            }
            long coldMs = 0;
            if (engine.fleet.state(index) == DemoEngine.WorkerState.COLD) {
                engine.fleet.state(index, DemoEngine.WorkerState.INITIALIZING);
                workerLog.add("system", "Pulling image " + engine.account.image(job.endpointId));
                coldMs = scaled(engine.config.coldStart().toMillis());
                workerLog.add("container", "worker-comfyui - Starting ComfyUI");
                if (!pause(coldMs)) {
                    return;
                }
                workerLog.add("container", "worker-comfyui - ComfyUI is ready");
                workerLog.add("container", "Worker ready.");
            }
            int generation;
            synchronized (job) {
                if (job.state != DemoJob.State.IN_QUEUE || engine.jobs.get(job.id) != job) {
                    engine.fleet.state(index, DemoEngine.WorkerState.IDLE);
                    continue;
                }
                job.state = DemoJob.State.IN_PROGRESS;
                job.startedAt = System.nanoTime();
                job.workerId = workerId;
                generation = job.generation;
            }
            engine.fleet.state(index, DemoEngine.WorkerState.RUNNING);
            workerLog.add("container", "Started job " + job.id);
            long runStart = System.nanoTime();
            try {
                execute(job, generation);
            } catch (RuntimeException e) {
                log.warn("demo job {} crashed", job.id, e);
                engine.complete(job, generation, DemoJob.State.FAILED, null,
                        "{\"error_type\": \"<class '" + e.getClass().getSimpleName() + "'>\", \"error_message\": "
                                + quote(String.valueOf(e.getMessage())) + ", \"error_traceback\": \"\"}");
            } finally {
                long ranMs = (System.nanoTime() - runStart) / 1_000_000;
                // billed like Runpod: the model load of a cold start and the run (the demo's workers stay warm: no
                // idle tail)
                engine.account.bill(job.endpointId, coldMs + ranMs);
                workerLog.add("container", "Finished job " + job.id + " in " + ranMs + " ms");
                engine.fleet.state(index, DemoEngine.WorkerState.IDLE);
                idleSince = System.nanoTime();
                billedTo = idleSince;
            }
        }
    }

    private void execute(DemoJob job, int generation) {
        long start = System.nanoTime();
        Map<String, int[]> sizes = new HashMap<>();
        Map<String, byte[]> uploadBytes = new HashMap<>();
        List<String> uploadErrors = new ArrayList<>();
        JsonNode input = job.input;
        JsonNode images = input.path("images");
        if (images.isArray()) {
            for (JsonNode img : images) {
                if (!img.isObject() || !img.has("name") || !img.has("image")) {
                    continue; // reported by the check below, as the worker does
                }
                String name = img.path("name").asText();
                String data = img.path("image").asText();
                int comma = data.indexOf(',');
                String b64 = comma >= 0 ? data.substring(comma + 1) : data;
                try {
                    byte[] bytes = Base64.getDecoder().decode(b64.replaceAll("\\s+", ""));
                    sizes.put(name, imageSize(bytes));
                    uploadBytes.put(name, bytes);
                } catch (IllegalArgumentException e) {
                    uploadErrors.add("Error decoding base64 for " + name + ": " + e.getMessage());
                }
            }
        }
        Set<String> uploaded = new HashSet<>(BUILT_IN_INPUTS);
        uploaded.addAll(sizes.keySet());
        // in the worker's order: its own input check, the image upload, then ComfyUI's validation
        String error = engine.check.checkInput(input);
        if (error == null && !uploadErrors.isEmpty()) {
            error = "Failed to upload one or more input images";
        }
        if (error == null) {
            error = engine.check.checkGraph(input.get("workflow"), uploaded);
        }
        if (error != null) {
            pauseUntil(start, scaled(VALIDATION_MS));
            engine.complete(job, generation, DemoJob.State.FAILED, null, error);
            return;
        }
        DemoGraph.Plan plan = DemoGraph.plan(input.get("workflow"), sizes);
        long executionMs = scaled(BASE_MS + MS_PER_STEP_MEGAPIXEL * plan.samplingWork());
        if (executionMs > job.executionTimeoutMs) {
            pauseUntil(start, job.executionTimeoutMs);
            engine.complete(job, generation, DemoJob.State.TIMED_OUT, null, null);
            return;
        }
        synchronized (job) {
            job.totalSteps = Math.max(1, plan.totalSteps());
            job.progressNode = plan.samplerSteps().keySet().stream().findFirst().orElse(null);
        }
        List<String[]> names = new ArrayList<>();
        List<byte[]> pictures = new ArrayList<>();
        for (DemoGraph.Output out : plan.outputs()) {
            // a graph of model-free image nodes is run for real: the pictures real ComfyUI gives
            var real = DemoPixels.of(input.get("workflow"), out.nodeId(), uploadBytes);
            if (real.isPresent()) {
                for (BufferedImage img : real.get()) {
                    pictures.add(DemoOutputs.png(img));
                    names.add(new String[] {out.prefix(), engine.outputs.nextFilename(out.prefix())});
                }
                continue;
            }
            DemoGraph.Frame f = out.frame();
            for (int b = 0; b < f.batch(); b++) {
                pictures.add(engine.renderer.renderPng(f.prompt(), f.seed(), f.steps(), f.width(), f.height(), b));
                names.add(new String[] {out.prefix(), engine.outputs.nextFilename(out.prefix())});
            }
        }
        // sit out the rest of the simulated execution, reporting progress
        long end = start + executionMs * 1_000_000L;
        while (true) {
            long left = end - System.nanoTime();
            synchronized (job) {
                if (job.generation != generation || job.state != DemoJob.State.IN_PROGRESS) {
                    break; // cancelled or expired: the GPU still ran to here, the result goes nowhere
                }
                double done = 1 - Math.max(0, left) / (executionMs * 1e6 + 1);
                job.progress = (int) Math.min(job.totalSteps, Math.floor(done * job.totalSteps));
            }
            if (left <= 0 || !pause(Math.min(50, Math.max(1, left / 1_000_000L)))) {
                break;
            }
        }
        if (engine.roll(engine.faults().completedWithoutOutput())) {
            engine.complete(job, generation, DemoJob.State.COMPLETED, null, null);
            return;
        }
        engine.complete(job, generation, DemoJob.State.COMPLETED, engine.outputs.output(job.id, names, pictures), null);
    }

    /**
     * Between jobs, as on Runpod (when the demo has cold starts at all): an idle worker is billed while it is up and
     * stops after its endpoint's idle timeout, unless min workers keeps it; a cold worker starts when an endpoint's
     * min workers is more than it has up (keep warm). False when the demo is stopping.
     */
    private boolean between() {
        if (engine.config.coldStart().isZero()) {
            return true; // workers that never start cold: nothing to model
        }
        String ep = engine.fleet.servingOrDemo(index);
        long now = System.nanoTime();
        DemoEngine.WorkerState st = engine.fleet.state(index);
        if (st == DemoEngine.WorkerState.IDLE) {
            engine.account.bill(ep, (now - billedTo) / 1_000_000); // per second from start to stop, idle included
            billedTo = now;
            boolean held = engine.fleet.warmRank(index, ep) < engine.account.minWorkers(ep);
            long timeout = scaled(engine.account.idleTimeout(ep) * 1000.0) * 1_000_000L;
            if (!held && now - idleSince > timeout) {
                engine.fleet.state(index, DemoEngine.WorkerState.COLD);
                workerLog.add("system", "Worker stopped: idle for " + engine.account.idleTimeout(ep) + " s");
            }
            return true;
        }
        if (st == DemoEngine.WorkerState.COLD) {
            for (String id : engine.account.endpointIds()) {
                int min = engine.account.minWorkers(id);
                if (min > 0 && engine.fleet.warmFor(index, id, min)) {
                    workerLog.add("system", "Pulling image " + engine.account.image(id) + " (min workers " + min + ")");
                    long coldMs = scaled(engine.config.coldStart().toMillis());
                    if (!pause(coldMs)) {
                        return false;
                    }
                    workerLog.add("container", "worker-comfyui - ComfyUI is ready");
                    workerLog.add("container", "Worker ready.");
                    engine.account.bill(id, coldMs);
                    engine.fleet.state(index, DemoEngine.WorkerState.IDLE);
                    idleSince = System.nanoTime();
                    billedTo = idleSince;
                    break;
                }
            }
        }
        return true;
    }

    private long scaled(double ms) {
        return Math.round(ms * engine.config.timeScale());
    }

    private boolean pause(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pauseUntil(long startNanos, long ms) {
        long left = ms - (System.nanoTime() - startNanos) / 1_000_000L;
        if (left > 0) {
            pause(left);
        }
    }

    private static int[] imageSize(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            return img == null ? new int[] {512, 512} : new int[] {img.getWidth(), img.getHeight()};
        } catch (IOException e) {
            return new int[] {512, 512};
        }
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"\"";
        }
    }

    static String randomWorkerId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
