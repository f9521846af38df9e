package dev.easel.library;

import dev.easel.io.AtomicFiles;
import dev.easel.io.LifoPool;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Small JPEG copies of the library's images, on disk under the cache folder, one per image id. Made when a result is
 * saved, and again whenever one is missing or older than its image; never on the FX thread.
 */
public final class ThumbnailCache {

    /** The longest side of a thumbnail, in pixels. */
    public static final int SIZE = 256;

    private final Path dir;
    private final Executor workers;
    private final Map<Long, CompletableFuture<Path>> pending = new ConcurrentHashMap<>();

    /**
     * @param workers where thumbnails are made; {@link #lifoExecutor} suits a scrolling grid (the newest request,
     *                the tile in view, goes first)
     */
    public ThumbnailCache(Path dir, Executor workers) {
        this.dir = dir;
        this.workers = workers;
    }

    /** A pool whose queue runs the latest request first, of daemon threads named easel-thumbs. */
    public static ThreadPoolExecutor lifoExecutor(int threads) {
        return LifoPool.of(threads, "easel-thumbs-");
    }

    public Path dir() {
        return dir;
    }

    /** Where the thumbnail of an image lives (it may not exist yet). */
    public Path pathFor(long id) {
        return dir.resolve(Long.toString(id / 1000)).resolve(id + ".jpg");
    }

    /** The thumbnail when it exists and is not older than the image. */
    public Optional<Path> fresh(long id, Path image) {
        Path t = pathFor(id);
        try {
            if (Files.isRegularFile(t) && (!Files.exists(image)
                    || Files.getLastModifiedTime(t).compareTo(Files.getLastModifiedTime(image)) >= 0)) {
                return Optional.of(t);
            }
        } catch (IOException e) {
            // unreadable times: make it again
        }
        return Optional.empty();
    }

    /**
     * The thumbnail, made in the background if needed. Requests for the same image share one piece of work.
     * Fails with an {@link IOException} cause when the image can't be read (missing, damaged).
     */
    public CompletableFuture<Path> request(long id, Path image) {
        var ready = fresh(id, image);
        if (ready.isPresent()) {
            return CompletableFuture.completedFuture(ready.get());
        }
        return pending.computeIfAbsent(id, k -> {
            CompletableFuture<Path> f = CompletableFuture.supplyAsync(() -> {
                try {
                    return fresh(id, image).isPresent() ? pathFor(id) : make(id, image);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, workers);
            return f.whenComplete((p, e) -> pending.remove(id));
        });
    }

    /** Makes the thumbnail of an image file now, on this thread. */
    public Path make(long id, Path image) throws IOException {
        try (InputStream in = Files.newInputStream(image)) {
            return write(id, decodeSmall(ImageIO.createImageInputStream(in), image.getFileName().toString()));
        }
    }

    /** Makes the thumbnail from image bytes already in memory (a result just saved), on this thread. */
    public Path make(long id, byte[] image) throws IOException {
        return write(id, decodeSmall(ImageIO.createImageInputStream(new ByteArrayInputStream(image)), "image"));
    }

    /** Deletes the thumbnail of an image (it was removed from the library). */
    public void forget(long id) {
        try {
            Files.deleteIfExists(pathFor(id));
        } catch (IOException e) {
            // a stale thumbnail is harmless: it is replaced when the id is reused, which SQLite doesn't do
        }
    }

    /** Decodes only every k-th pixel when the image is far larger than a thumbnail, then scales smoothly. */
    static BufferedImage decodeSmall(ImageInputStream in, String name) throws IOException {
        if (in == null) {
            throw new IOException(name + " can't be read");
        }
        try (in) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(name + " is not an image Easel can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                int k = Math.max(1, Math.max(w, h) / (SIZE * 2));
                ImageReadParam p = reader.getDefaultReadParam();
                p.setSourceSubsampling(k, k, 0, 0);
                BufferedImage src = reader.read(0, p);
                double scale = Math.min(1.0, (double) SIZE / Math.max(src.getWidth(), src.getHeight()));
                int tw = Math.max(1, (int) Math.round(src.getWidth() * scale));
                int th = Math.max(1, (int) Math.round(src.getHeight() * scale));
                BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = out.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                    g.setColor(Color.WHITE); // transparent pixels on white, as viewers show them
                    g.fillRect(0, 0, tw, th);
                    g.drawImage(src, 0, 0, tw, th, null);
                } finally {
                    g.dispose();
                }
                return out;
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException(name + " is damaged: " + e.getMessage(), e);
        }
    }

    private Path write(long id, BufferedImage thumb) throws IOException {
        byte[] jpeg = jpeg(thumb, 0.85f);
        Path target = pathFor(id);
        AtomicFiles.write(target, jpeg);
        return target;
    }

    /** A baseline JPEG of an RGB image at the given quality. */
    static byte[] jpeg(BufferedImage rgb, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
