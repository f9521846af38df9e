package dev.easel.demo;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Paints the demo endpoint's pictures: a procedural landscape (sky, sun or moon, clouds, ridges, water) whose
 * palette and features come from the prompt's words and whose layout comes from the seed; more steps give finer
 * ridges. Deterministic for (prompt, seed, size, steps, batch index). Every picture carries a "DEMO" stamp.
 */
public final class DemoRenderer {

    /** The PNG bytes of one picture. */
    public byte[] renderPng(String prompt, long seed, int steps, int width, int height, int batchIndex) {
        BufferedImage img = render(prompt, seed, steps, width, height, batchIndex);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    BufferedImage render(String prompt, long seed, int steps, int width, int height, int batchIndex) {
        String p = prompt == null ? "" : prompt.toLowerCase(Locale.ROOT);
        long promptHash = fnv(p);
        SplittableRandom rnd = new SplittableRandom(promptHash * 31 + seed * 1_000_003L + batchIndex * 7919L);
        Scene s = Scene.from(p, promptHash, rnd);
        int octaves = 2 + Math.min(6, Math.max(0, steps) / 6);

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[width * height];
        double horizon = s.horizon;
        int layers = s.layers;
        double[][] ridge = new double[layers][width];
        double[] phase = new double[layers * 8];
        for (int i = 0; i < phase.length; i++) {
            phase[i] = rnd.nextDouble() * 1000;
        }
        for (int l = 0; l < layers; l++) {
            double base = horizon - 0.30 * (layers - l) / layers - 0.02;
            double amp = 0.16 - 0.02 * l + 0.05 * s.rugged;
            for (int x = 0; x < width; x++) {
                double u = x / (double) width;
                double h = 0;
                double a = 1;
                double f = 1.6 + l * 0.9;
                for (int o = 0; o < octaves; o++) {
                    h += a * noise1(u * f + phase[l * 8 + (o % 8)]);
                    a *= 0.5;
                    f *= 2.1;
                }
                ridge[l][x] = base + amp * h + 0.05 * l;
            }
        }
        double sunX = s.sunX;
        double sunY = s.sunY;
        double sunR = 0.06 + 0.03 * rnd.nextDouble();
        long starSeed = rnd.nextLong();
        double cloudPhase = rnd.nextDouble() * 100;
        double aspect = width / (double) height;

        for (int y = 0; y < height; y++) {
            double v = y / (double) height;
            for (int x = 0; x < width; x++) {
                double u = x / (double) width;
                double vv = v;
                boolean water = s.water && v > horizon;
                double shade = 1;
                if (water) {
                    // mirror around the horizon, with ripples that grow towards the viewer
                    double depth = (v - horizon) / (1 - horizon);
                    vv = horizon - (v - horizon) + 0.004 * Math.sin(v * 900 / (1 + depth * 3) + u * 7) * depth * 3;
                    shade = 0.72 - 0.25 * depth;
                }
                int rgb = skyOrLand(s, ridge, layers, u, vv, x, width, sunX, sunY, sunR, aspect, starSeed,
                        cloudPhase, octaves);
                if (water) {
                    rgb = mix(rgb, s.waterTint, 0.35, shade);
                }
                // soft vignette
                double dx = u - 0.5;
                double dy = v - 0.5;
                double vig = 1 - 0.35 * (dx * dx + dy * dy) * 2;
                px[y * width + x] = scale(rgb, vig);
            }
        }
        img.setRGB(0, 0, width, height, px, 0, width);
        stampDemo(img);
        return img;
    }

    private static int skyOrLand(Scene s, double[][] ridge, int layers, double u, double v, int x, int width,
                                 double sunX, double sunY, double sunR, double aspect, long starSeed,
                                 double cloudPhase, int octaves) {
        int col = Math.min(width - 1, Math.max(0, x));
        for (int l = layers - 1; l >= 0; l--) {
            if (v >= ridge[l][col]) {
                double t = (l + 1) / (double) layers;          // 0 far … 1 near
                double below = Math.min(1, (v - ridge[l][col]) * 6);
                int c = lerp(s.haze, s.land, Math.pow(t, 0.8));
                c = scale(c, 1 - 0.35 * below * t);
                // a lit rim on the sun side of each ridge
                double rim = Math.max(0, 1 - (v - ridge[l][col]) * 120) * (1 - Math.abs(u - sunX)) * 0.35;
                return lerp(c, s.sunColor, rim);
            }
        }
        // sky
        double t = Math.min(1, Math.max(0, v / s.horizon));
        int c = lerp(s.skyTop, s.skyHorizon, Math.pow(t, 1.4));
        if (s.night) {
            long h = hash(starSeed ^ ((long) (u * 4096) * 73856093L) ^ ((long) (v * 4096) * 19349663L));
            if ((h & 1023) < 2 && v < s.horizon * 0.9) {
                c = lerp(c, 0xffffff, 0.6 + ((h >>> 10) & 63) / 160.0);
            }
        }
        double dx = (u - sunX) * aspect;
        double dy = v - sunY;
        double d = Math.sqrt(dx * dx + dy * dy);
        if (d < sunR) {
            c = lerp(c, s.sunColor, 0.95);
        } else {
            c = lerp(c, s.sunColor, Math.min(0.75, 0.75 * Math.exp(-(d - sunR) * (s.night ? 14 : 6))));
        }
        // clouds: stretched fbm bands
        double n = 0;
        double a = 0.5;
        double f = 3;
        for (int o = 0; o < Math.min(4, octaves); o++) {
            n += a * noise2(u * f * 1.8 + cloudPhase, v * f * 6 + cloudPhase * 0.5);
            a *= 0.5;
            f *= 2;
        }
        double cloud = Math.max(0, n - 0.08 + s.cloudiness * 0.3) * 1.6 * (1 - t * 0.6);
        return lerp(c, s.cloudColor, Math.min(0.85, cloud));
    }

    /** Draws "DEMO" with strokes (no fonts needed) in the lower right corner, with a shadow for contrast. */
    private static void stampDemo(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double size = Math.max(8, Math.min(w, h) / 11.0);
        double letterW = size * 0.62;
        double gap = size * 0.22;
        double totalW = 4 * letterW + 3 * gap;
        double x0 = w - totalW - size * 0.5;
        double y0 = h - size * 1.5;
        Path2D path = new Path2D.Double();
        // D
        path.moveTo(x0, y0);
        path.lineTo(x0, y0 + size);
        path.lineTo(x0 + letterW * 0.45, y0 + size);
        path.quadTo(x0 + letterW, y0 + size, x0 + letterW, y0 + size / 2);
        path.quadTo(x0 + letterW, y0, x0 + letterW * 0.45, y0);
        path.closePath();
        // E
        double ex = x0 + letterW + gap;
        path.moveTo(ex + letterW, y0);
        path.lineTo(ex, y0);
        path.lineTo(ex, y0 + size);
        path.lineTo(ex + letterW, y0 + size);
        path.moveTo(ex, y0 + size / 2);
        path.lineTo(ex + letterW * 0.8, y0 + size / 2);
        // M
        double mx = ex + letterW + gap;
        path.moveTo(mx, y0 + size);
        path.lineTo(mx, y0);
        path.lineTo(mx + letterW / 2, y0 + size * 0.6);
        path.lineTo(mx + letterW, y0);
        path.lineTo(mx + letterW, y0 + size);
        // O
        double ox = mx + letterW + gap;
        path.append(new Ellipse2D.Double(ox, y0, letterW, size), false);

        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float stroke = (float) Math.max(1.5, size * 0.13);
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.translate(stroke * 0.4, stroke * 0.4);
            g.setColor(new Color(0, 0, 0, 110));
            g.draw(path);
            g.translate(-stroke * 0.4, -stroke * 0.4);
            g.setColor(new Color(255, 255, 255, 215));
            g.draw(path);
        } finally {
            g.dispose();
        }
    }

    /** Colours and features chosen from the prompt's words, then varied by the seed. */
    private record Scene(int skyTop, int skyHorizon, int sunColor, int cloudColor, int haze, int land, int waterTint,
                         boolean night, boolean water, double horizon, double sunX, double sunY, int layers,
                         double rugged, double cloudiness) {

        static Scene from(String p, long promptHash, SplittableRandom rnd) {
            float hue = (float) ((promptHash >>> 8) % 1000 / 1000.0);
            boolean night = has(p, "night", "moon", "star", "galaxy", "dark", "midnight", "neon");
            boolean sunset = has(p, "sunset", "dusk", "dawn", "sunrise", "golden", "autumn", "fire", "warm");
            boolean green = has(p, "forest", "tree", "jungle", "garden", "meadow", "field", "moss", "grass", "blossom");
            boolean snow = has(p, "snow", "winter", "ice", "frozen", "arctic", "glacier");
            boolean water = has(p, "lake", "sea", "ocean", "river", "stream", "water", "reflection", "beach")
                    || rnd.nextDouble() < 0.25;
            if (sunset) {
                hue = 0.02f + hue * 0.08f;
            } else if (green) {
                hue = 0.25f + hue * 0.15f;
            } else if (snow) {
                hue = 0.52f + hue * 0.1f;
            }
            float jitter = (float) (rnd.nextDouble() * 0.08 - 0.04);
            hue = (hue + jitter + 1f) % 1f;
            int skyTop;
            int skyHorizon;
            int sun;
            if (night) {
                skyTop = hsb(0.62f + hue * 0.1f, 0.7f, 0.12f);
                skyHorizon = hsb(0.70f + hue * 0.1f, 0.45f, 0.38f);
                sun = hsb(0.14f, 0.08f, 0.97f);
            } else if (sunset) {
                skyTop = hsb(0.66f, 0.55f, 0.45f);
                skyHorizon = hsb(hue, 0.65f, 1f);
                sun = hsb(0.12f, 0.35f, 1f);
            } else {
                skyTop = hsb(0.58f + (hue - 0.5f) * 0.08f, 0.55f, 0.85f);
                skyHorizon = hsb(hue, snow ? 0.05f : 0.25f, 1f);
                sun = hsb(0.13f, 0.25f, 1f);
            }
            float landHue = green ? 0.30f + hue * 0.05f : snow ? 0.6f : (hue + 0.5f) % 1f;
            int land = hsb(landHue, snow ? 0.12f : 0.55f, night ? 0.10f : snow ? 0.85f : 0.28f);
            int haze = lerp(skyHorizon, land, 0.25);
            int cloud = night ? hsb(0.65f, 0.2f, 0.45f) : sunset ? hsb(0.05f, 0.35f, 0.98f) : 0xf4f6fb;
            int waterTint = hsb(0.55f + hue * 0.05f, 0.5f, night ? 0.2f : 0.45f);
            double horizon = 0.55 + rnd.nextDouble() * 0.15;
            int layers = 3 + rnd.nextInt(3);
            return new Scene(skyTop, skyHorizon, sun, cloud, haze, land, waterTint, night, water, horizon,
                    0.15 + rnd.nextDouble() * 0.7, horizon * (0.25 + rnd.nextDouble() * 0.45), layers,
                    rnd.nextDouble(), rnd.nextDouble());
        }

        private static boolean has(String p, String... words) {
            for (String w : words) {
                if (p.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- small numeric helpers ----------------------------------------------------------------------

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h & Long.MAX_VALUE;
    }

    private static long hash(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    private static double lattice(long i) {
        return (hash(i) >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    /** 1-D value noise in [-1, 1]. */
    private static double noise1(double x) {
        long i = (long) Math.floor(x);
        double t = smooth(x - i);
        return lattice(i) * (1 - t) + lattice(i + 1) * t;
    }

    /** 2-D value noise in [-1, 1]. */
    private static double noise2(double x, double y) {
        long ix = (long) Math.floor(x);
        long iy = (long) Math.floor(y);
        double tx = smooth(x - ix);
        double ty = smooth(y - iy);
        double a = lattice(ix * 7919 + iy * 104729);
        double b = lattice((ix + 1) * 7919 + iy * 104729);
        double c = lattice(ix * 7919 + (iy + 1) * 104729);
        double d = lattice((ix + 1) * 7919 + (iy + 1) * 104729);
        return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
    }

    private static int hsb(float h, float s, float b) {
        return Color.HSBtoRGB(h, s, b) & 0xffffff;
    }

    private static int lerp(int c1, int c2, double t) {
        t = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(((c1 >> 16) & 255) * (1 - t) + ((c2 >> 16) & 255) * t);
        int g = (int) Math.round(((c1 >> 8) & 255) * (1 - t) + ((c2 >> 8) & 255) * t);
        int b = (int) Math.round((c1 & 255) * (1 - t) + (c2 & 255) * t);
        return (r << 16) | (g << 8) | b;
    }

    private static int mix(int c, int tint, double amount, double shade) {
        return scale(lerp(c, tint, amount), shade);
    }

    private static int scale(int c, double f) {
        f = Math.max(0, f);
        int r = (int) Math.min(255, ((c >> 16) & 255) * f);
        int g = (int) Math.min(255, ((c >> 8) & 255) * f);
        int b = (int) Math.min(255, (c & 255) * f);
        return (r << 16) | (g << 8) | b;
    }
}
