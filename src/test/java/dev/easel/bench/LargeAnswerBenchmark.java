package dev.easel.bench;

import dev.easel.io.Database;
import dev.easel.testing.Databases;
import com.sun.net.httpserver.HttpServer;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.PollPlanner;
import dev.easel.library.ResultStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A 60 MB result through the queue: a loopback server answers {@code /status} with four 15 MB PNGs inline (80 MB of
 * JSON, streamed from a file so the server costs no heap), and a queue in a child JVM saves them. The child runs
 * with ever smaller {@code -Xmx}: the smallest heap that still saves all four images is the heap the pipeline
 * needs. Run: {@code ./mvnw -Pbench verify -Dbench.main=dev.easel.bench.LargeAnswerBenchmark}
 */
public final class LargeAnswerBenchmark {

    private static final int IMAGES = 4;
    /** 2236 × 2236 RGB noise, stored without compression: a 15 MB PNG. */
    private static final int SIDE = 2236;

    private LargeAnswerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("child")) {
            System.out.println(child(URI.create(args[1]), Path.of(args[2])));
            System.exit(0);
        }
        Path dir = Files.createTempDirectory("easel-large");
        Path answer = dir.resolve("answer.json");
        long imageBytes = writeAnswer(answer);
        System.out.printf(Locale.ROOT, "answer: %d images, %.1f MB of PNG, %.1f MB of JSON%n", IMAGES,
                imageBytes / 1e6, Files.size(answer) / 1e6);
        HttpServer server = serve(answer);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2");
        try {
            for (int mb : new int[] {400, 240, 160, 120, 100, 80, 64, 48}) {
                Path run = Files.createTempDirectory(dir, "run-" + mb);
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + mb + "m", "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp",
                        System.getProperty("java.class.path"), LargeAnswerBenchmark.class.getName(), "child",
                        base.toString(), run.toString()).redirectErrorStream(true)
                        .redirectOutput(run.resolve("child.log").toFile()).start();
                boolean ended = p.waitFor(5, TimeUnit.MINUTES);
                if (!ended) {
                    p.destroyForcibly();
                }
                List<String> log = Files.readAllLines(run.resolve("child.log"));
                String result = log.stream().filter(l -> l.startsWith("RESULT")).findFirst()
                        .orElse("RESULT failed (" + (ended ? "exit " + p.exitValue() : "timed out") + ")"
                                + log.stream().filter(l -> l.contains("OutOfMemory") || l.contains("too large"))
                                .findFirst().map(l -> ": " + l.strip()).orElse(""));
                System.out.printf(Locale.ROOT, "-Xmx%dm (%.1f× the image bytes): %s%n", mb,
                        mb * 1024.0 * 1024 / imageBytes, result.substring("RESULT ".length()));
            }
        } finally {
            server.stop(0);
        }
    }

    /** One job through a real client, journal and result store; the time from /run to COMPLETED and the heap. */
    static String child(URI base, Path dir) throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (Database db = Databases.open(dir.resolve("easel.db"));
             OkHttpRunpodClient client = new OkHttpRunpodClient(RunpodConfig.of(base, "big", "k"))
                     .spillTo(dir.resolve("incoming"))) {
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            var io = Executors.newVirtualThreadPerTaskExecutor();
            JobQueue queue = new JobQueue(new JobJournal(db), new ResultStore(dir.resolve("out"), db, ZoneOffset.UTC),
                    new JobEndpoint("Big", client, 0.00044), io, scheduler, Clock.systemUTC(),
                    PollPlanner.fixed(Duration.ofMillis(100)), 4);
            queue.start();
            long start = System.nanoTime();
            Job job = queue.submit(ChaosBenchmark.spec(7));
            Job now = job;
            while (!now.phase().isTerminal() && System.nanoTime() - start < Duration.ofMinutes(4).toNanos()) {
                Thread.sleep(20);
                now = queue.jobs().stream().filter(j -> j.id() == job.id()).findFirst().orElseThrow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            queue.close();
            scheduler.shutdownNow();
            io.shutdownNow();
            long heapPeaks = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPeaks += pool.getPeakUsage().getUsed();
                }
            }
            long saved = 0;
            for (Path f : now.files()) {
                saved += Files.size(f);
            }
            long left;
            try (var l = Files.list(dir.resolve("incoming"))) {
                left = l.count();
            }
            return String.format(Locale.ROOT, "RESULT %s, %d files (%.1f MB) in %.2f s; heap pools' peaks summed "
                            + "%.0f MB; %d temporary files left%s", now.phase(), now.files().size(), saved / 1e6, seconds,
                    heapPeaks / 1e6, left, now.phase() == JobPhase.COMPLETED ? "" : " — " + now.error());
        }
    }

    /** Serves /run and /status from {@code answer}, copied from disk as it is sent. */
    private static HttpServer serve(Path answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/v2/big/run", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] b = "{\"id\":\"big-1\",\"status\":\"IN_QUEUE\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.createContext("/v2/big/status/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, Files.size(answer));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(answer, out);
            }
        });
        server.createContext("/v2/big/health", ex -> {
            byte[] b = "{\"jobs\":{},\"workers\":{}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    /** Writes the COMPLETED answer; returns the bytes of its PNGs. */
    private static long writeAnswer(Path file) throws IOException {
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("{\"delayTime\":1200,\"executionTime\":48000,\"id\":\"big-1\",\"output\":{\"images\":[")
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < IMAGES; i++) {
                byte[] png = noisePng(SIDE, SIDE, i);
                total += png.length;
                out.write(((i > 0 ? "," : "") + "{\"filename\":\"ComfyUI_0000" + i + "_.png\",\"type\":\"base64\","
                        + "\"data\":\"").getBytes(StandardCharsets.UTF_8));
                out.write(Base64.getEncoder().encode(png));
                out.write("\"}".getBytes(StandardCharsets.UTF_8));
            }
            out.write("]},\"status\":\"COMPLETED\",\"workerId\":\"w1\"}".getBytes(StandardCharsets.UTF_8));
        }
        return total;
    }

    /** A valid PNG of random pixels, deflate-stored so its size is its pixel bytes. */
    static byte[] noisePng(int w, int h, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] raw = new byte[(w * 3 + 1) * h];
        random.nextBytes(raw);
        for (int y = 0; y < h; y++) {
            raw[y * (w * 3 + 1)] = 0; // filter: none
        }
        Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream(raw.length + raw.length / 1000 + 64);
        byte[] buf = new byte[1 << 16];
        while (!deflater.finished()) {
            idat.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 100);
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
