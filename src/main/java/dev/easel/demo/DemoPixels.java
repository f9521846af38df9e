package dev.easel.demo;

import com.fasterxml.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ComfyUI's model-free image nodes, run for real: a graph made only of these (EmptyImage, ImageInvert, ImageScale,
 * ImageScaleBy, ImageBlur, ImageBatch, LoadImage into SaveImage) gives the pictures real ComfyUI gives, in size and
 * colour, instead of the demo's procedural painting. Anything else on the way (a sampler, a VAE) is for the painter.
 */
final class DemoPixels {

    /** Above this many pixels per image the demo paints instead (it is a demo, not an image editor). */
    private static final long MAX_PIXELS = 4096L * 4096;

    private final JsonNode workflow;
    private final Map<String, byte[]> uploads;
    private final Set<String> visiting = new HashSet<>();

    private DemoPixels(JsonNode workflow, Map<String, byte[]> uploads) {
        this.workflow = workflow;
        this.uploads = uploads;
    }

    /**
     * The images a SaveImage node gets, when every node before it is one of the model-free image nodes; empty
     * otherwise (or when an input picture can't be read).
     */
    static Optional<List<BufferedImage>> of(JsonNode workflow, String saveNodeId, Map<String, byte[]> uploads) {
        JsonNode save = workflow.get(saveNodeId);
        if (save == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new DemoPixels(workflow, uploads).images(link(save.path("inputs").get("images"))));
        } catch (RuntimeException | IOException e) {
            return Optional.empty();
        }
    }

    private static String link(JsonNode v) {
        return v != null && v.isArray() && v.size() == 2 ? v.get(0).asText() : null;
    }

    private static int intOf(JsonNode in, String key, int fallback) {
        JsonNode v = in.get(key);
        return v != null && v.isNumber() ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v.asLong()))
                : fallback;
    }

    /** The batch of images node {@code id} outputs; null when it is not a model-free image node. */
    private List<BufferedImage> images(String id) throws IOException {
        JsonNode n = id == null ? null : workflow.get(id);
        if (n == null || !visiting.add(id)) {
            return null;
        }
        try {
            JsonNode in = n.path("inputs");
            switch (n.path("class_type").asText()) {
                case "EmptyImage" -> {
                    int w = intOf(in, "width", 512);
                    int h = intOf(in, "height", 512);
                    int batch = intOf(in, "batch_size", 1);
                    if (w < 1 || h < 1 || batch < 1 || batch > 64 || (long) w * h > MAX_PIXELS) {
                        return null;
                    }
                    int color = intOf(in, "color", 0) & 0xFFFFFF;
                    List<BufferedImage> out = new ArrayList<>();
                    for (int b = 0; b < batch; b++) {
                        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                        int[] row = new int[w];
                        Arrays.fill(row, color);
                        for (int y = 0; y < h; y++) {
                            img.setRGB(0, y, w, 1, row, 0, w);
                        }
                        out.add(img);
                    }
                    return out;
                }
                case "ImageInvert" -> {
                    List<BufferedImage> src = images(link(in.get("image")));
                    if (src == null) {
                        return null;
                    }
                    List<BufferedImage> out = new ArrayList<>();
                    for (BufferedImage s : src) {
                        BufferedImage img = copy(s);
                        for (int y = 0; y < img.getHeight(); y++) {
                            for (int x = 0; x < img.getWidth(); x++) {
                                img.setRGB(x, y, ~img.getRGB(x, y) & 0xFFFFFF);
                            }
                        }
                        out.add(img);
                    }
                    return out;
                }
                case "ImageScale" -> {
                    List<BufferedImage> src = images(link(in.get("image")));
                    if (src == null || src.isEmpty()) {
                        return src;
                    }
                    int w = intOf(in, "width", 512);
                    int h = intOf(in, "height", 512);
                    BufferedImage first = src.getFirst();
                    // as ComfyUI: a size of 0 keeps the aspect ratio from the other one
                    if (w == 0 && h == 0) {
                        return src;
                    }
                    if (w == 0) {
                        w = Math.max(1, Math.round(first.getWidth() * (h / (float) first.getHeight())));
                    } else if (h == 0) {
                        h = Math.max(1, Math.round(first.getHeight() * (w / (float) first.getWidth())));
                    }
                    boolean center = "center".equals(in.path("crop").asText());
                    return scaled(src, w, h, center);
                }
                case "ImageScaleBy" -> {
                    List<BufferedImage> src = images(link(in.get("image")));
                    if (src == null || src.isEmpty()) {
                        return src;
                    }
                    double by = in.path("scale_by").asDouble(1);
                    BufferedImage first = src.getFirst();
                    return scaled(src, (int) Math.max(1, Math.round(first.getWidth() * by)),
                            (int) Math.max(1, Math.round(first.getHeight() * by)), false);
                }
                case "ImageBlur" -> {
                    List<BufferedImage> src = images(link(in.get("image")));
                    if (src == null) {
                        return null;
                    }
                    int radius = intOf(in, "blur_radius", 1);
                    double sigma = in.path("sigma").asDouble(1.0);
                    List<BufferedImage> out = new ArrayList<>();
                    for (BufferedImage s : src) {
                        out.add(blur(s, radius, sigma));
                    }
                    return out;
                }
                case "ImageBatch" -> {
                    List<BufferedImage> a = images(link(in.get("image1")));
                    List<BufferedImage> b = images(link(in.get("image2")));
                    if (a == null || b == null || a.isEmpty()) {
                        return null;
                    }
                    List<BufferedImage> out = new ArrayList<>(a);
                    BufferedImage first = a.getFirst();
                    // ComfyUI scales the second batch to the first's size
                    out.addAll(first.getWidth() == b.getFirst().getWidth() && first.getHeight() == b.getFirst().getHeight()
                            ? b : scaled(b, first.getWidth(), first.getHeight(), true));
                    return out;
                }
                case "LoadImage" -> {
                    byte[] bytes = uploads.get(in.path("image").asText());
                    BufferedImage img = bytes == null ? null : ImageIO.read(new ByteArrayInputStream(bytes));
                    return img == null ? null : List.of(copy(img));
                }
                default -> {
                    return null; // a sampler, a VAE…: the painter's
                }
            }
        } finally {
            visiting.remove(id);
        }
    }

    private static BufferedImage copy(BufferedImage s) {
        BufferedImage img = new BufferedImage(s.getWidth(), s.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(s, 0, 0, null);
        g.dispose();
        return img;
    }

    private static List<BufferedImage> scaled(List<BufferedImage> src, int w, int h, boolean centerCrop) {
        if ((long) w * h > MAX_PIXELS || w < 1 || h < 1) {
            return null;
        }
        List<BufferedImage> out = new ArrayList<>();
        for (BufferedImage s : src) {
            int sx = 0;
            int sy = 0;
            int sw = s.getWidth();
            int sh = s.getHeight();
            if (centerCrop) { // cut to the target's aspect ratio first, around the middle
                double target = w / (double) h;
                if (sw / (double) sh > target) {
                    int nw = (int) Math.round(sh * target);
                    sx = (sw - nw) / 2;
                    sw = nw;
                } else {
                    int nh = (int) Math.round(sw / target);
                    sy = (sh - nh) / 2;
                    sh = nh;
                }
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(s, 0, 0, w, h, sx, sy, sx + sw, sy + sh, null);
            g.dispose();
            out.add(img);
        }
        return out;
    }

    /** A gaussian blur of kernel 2·radius+1, edges clamped (ComfyUI reflects them: the same for flat edges). */
    private static BufferedImage blur(BufferedImage s, int radius, double sigma) {
        int r = Math.max(1, Math.min(31, radius));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = s.getWidth();
        int h = s.getHeight();
        int[] src = s.getRGB(0, 0, w, h, null, 0, w);
        int[] tmp = new int[src.length];
        int[] dst = new int[src.length];
        pass(src, tmp, w, h, k, r, true);
        pass(tmp, dst, w, h, k, r, false);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, dst, 0, w);
        return img;
    }

    private static void pass(int[] in, int[] out, int w, int h, double[] k, int r, boolean horizontal) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double rr = 0;
                double gg = 0;
                double bb = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = horizontal ? Math.clamp(x + i, 0, w - 1) : x;
                    int yy = horizontal ? y : Math.clamp(y + i, 0, h - 1);
                    int p = in[yy * w + xx];
                    rr += ((p >> 16) & 0xFF) * k[i + r];
                    gg += ((p >> 8) & 0xFF) * k[i + r];
                    bb += (p & 0xFF) * k[i + r];
                }
                out[y * w + x] = (int) Math.round(rr) << 16 | (int) Math.round(gg) << 8 | (int) Math.round(bb);
            }
        }
    }
}
