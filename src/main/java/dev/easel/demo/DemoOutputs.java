package dev.easel.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A finished job's {@code output} as worker-comfyui gives it: images as base64, as S3 links (the pictures kept here
 * to be downloaded), or the legacy single message; file names numbered per prefix like ComfyUI's.
 */
final class DemoOutputs {

    private static final int S3_OBJECTS_KEPT = 256;

    private final ObjectMapper json = new ObjectMapper();
    private final DemoConfig config;
    private final Map<String, AtomicInteger> fileCounters = new ConcurrentHashMap<>();
    private final Map<String, byte[]> s3 = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > S3_OBJECTS_KEPT;
        }
    };
    private volatile Function<String, String> s3UrlMaker = path -> "http://127.0.0.1/" + path;

    DemoOutputs(DemoConfig config) {
        this.config = config;
    }

    void setS3UrlMaker(Function<String, String> maker) {
        this.s3UrlMaker = maker;
    }

    byte[] s3Object(String path) {
        synchronized (s3) {
            return s3.get(path);
        }
    }

    ObjectNode output(String jobId, List<String[]> names, List<byte[]> pictures) {
        ObjectNode out = json.createObjectNode();
        if (pictures.isEmpty()) {
            out.put("status", "success_no_images");
            out.putArray("images");
            return out;
        }
        if (config.outputMode() == OutputMode.LEGACY_MESSAGE) {
            out.put("status", "success");
            out.put("message", Base64.getEncoder().encodeToString(pictures.getFirst()));
            return out;
        }
        ArrayNode arr = out.putArray("images");
        for (int i = 0; i < pictures.size(); i++) {
            String filename = names.get(i)[1];
            ObjectNode img = arr.addObject();
            img.put("filename", filename);
            if (config.outputMode() == OutputMode.S3_URL) {
                String path = jobId + "/" + filename;
                synchronized (s3) {
                    s3.put(path, pictures.get(i));
                }
                img.put("type", "s3_url");
                img.put("data", s3UrlMaker.apply(path) + "?X-Amz-Expires=604800&X-Amz-Signature="
                        + Long.toHexString(path.hashCode() * 2654435761L));
            } else {
                img.put("type", "base64");
                img.put("data", Base64.getEncoder().encodeToString(pictures.get(i)));
            }
        }
        return out;
    }

    static byte[] png(BufferedImage img) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String nextFilename(String prefix) {
        String base = prefix.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isBlank()) {
            base = "ComfyUI";
        }
        int n = fileCounters.computeIfAbsent(prefix, k -> new AtomicInteger()).incrementAndGet();
        return String.format("%s_%05d_.png", base, n);
    }
}
