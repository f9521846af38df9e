package dev.easel.library;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A lossless WebP (VP8L) encoder, small and dependency-free: the JDK has no WebP writer and the TwelveMonkeys
 * plugin only reads. It uses the subtract-green and predictor (left pixel) transforms and one set of canonical
 * prefix codes, no backward references: files are larger than libwebp's best, and pixel-exact. An EXIF chunk
 * (in a VP8X container) carries metadata.
 *
 * <p>Format: <a href="https://developers.google.com/speed/webp/docs/webp_lossless_bitstream_specification">the
 * WebP lossless bitstream specification</a> and the RIFF container specification.
 */
public final class WebpWriter {

    private static final int[] CODE_LENGTH_ORDER = {17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final int MAX_SIZE = 1 << 14;

    private WebpWriter() {
    }

    /**
     * Encodes ARGB pixels (row by row, {@code 0xAARRGGBB}).
     *
     * @param exifTiff a TIFF structure for an EXIF chunk (without the "Exif\0\0" prefix), or null for none
     */
    public static byte[] write(int[] argb, int width, int height, byte[] exifTiff) {
        if (width < 1 || height < 1 || width > MAX_SIZE || height > MAX_SIZE || argb.length != width * height) {
            throw new IllegalArgumentException("WebP images are 1 to 16384 pixels a side");
        }
        boolean alpha = false;
        for (int p : argb) {
            if (p >>> 24 != 0xff) {
                alpha = true;
                break;
            }
        }
        byte[] vp8l = vp8l(argb, width, height, alpha);
        ByteArrayOutputStream riff = new ByteArrayOutputStream(vp8l.length + 64);
        riff.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        if (exifTiff != null) {
            chunk(riff, "VP8X", vp8x(width, height, alpha));
        }
        chunk(riff, "VP8L", vp8l);
        if (exifTiff != null) {
            chunk(riff, "EXIF", exifTiff);
        }
        return riff(riff.toByteArray());
    }

    /**
     * A WebP another encoder made, with an EXIF chunk added: the extended format's VP8X header (made, or its EXIF
     * flag set), the image's chunks as they were, then EXIF.
     *
     * @throws IOException when {@code webp} is not a WebP
     */
    public static byte[] withExif(byte[] webp, int width, int height, boolean alpha, byte[] exifTiff)
            throws IOException {
        if (webp.length < 20 || webp[0] != 'R' || webp[1] != 'I' || webp[2] != 'F' || webp[3] != 'F'
                || webp[8] != 'W' || webp[9] != 'E' || webp[10] != 'B' || webp[11] != 'P') {
            throw new IOException("the encoder gave no WebP");
        }
        ByteArrayOutputStream riff = new ByteArrayOutputStream(webp.length + exifTiff.length + 32);
        riff.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        int at = 12;
        boolean first = true;
        while (at + 8 <= webp.length) {
            String fourCc = new String(webp, at, 4, StandardCharsets.US_ASCII);
            long len = (webp[at + 4] & 0xff) | (webp[at + 5] & 0xff) << 8 | (webp[at + 6] & 0xff) << 16
                    | (long) (webp[at + 7] & 0xff) << 24;
            if (len > webp.length - at - 8L) {
                throw new IOException("the encoder's WebP is cut short");
            }
            byte[] data = Arrays.copyOfRange(webp, at + 8, at + 8 + (int) len);
            if (first && fourCc.equals("VP8X")) {
                data[0] |= 0x08; // EXIF present
            } else if (first) {
                chunk(riff, "VP8X", vp8x(width, height, alpha));
            }
            if (!fourCc.equals("EXIF")) {
                chunk(riff, fourCc, data);
            }
            first = false;
            at += 8 + (int) len + (int) (len & 1);
        }
        chunk(riff, "EXIF", exifTiff);
        return riff(riff.toByteArray());
    }

    /** The RIFF file around a WebP's chunks ({@code body} starts with "WEBP"). */
    private static byte[] riff(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int32le(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The extended format's header: EXIF present, alpha when there is, the canvas size. */
    private static byte[] vp8x(int width, int height, boolean alpha) {
        byte[] vp8x = new byte[10];
        vp8x[0] = (byte) (0x08 | (alpha ? 0x10 : 0));
        int w = width - 1;
        int h = height - 1;
        vp8x[4] = (byte) w;
        vp8x[5] = (byte) (w >> 8);
        vp8x[6] = (byte) (w >> 16);
        vp8x[7] = (byte) h;
        vp8x[8] = (byte) (h >> 8);
        vp8x[9] = (byte) (h >> 16);
        return vp8x;
    }

    private static void chunk(ByteArrayOutputStream out, String fourCc, byte[] data) {
        out.writeBytes(fourCc.getBytes(StandardCharsets.US_ASCII));
        int32le(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0); // chunks are padded to an even size
        }
    }

    private static void int32le(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static byte[] vp8l(int[] argb, int width, int height, boolean alpha) {
        LsbBits bits = new LsbBits(argb.length);
        bits.write(0x2f, 8);
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(alpha ? 1 : 0, 1);
        bits.write(0, 3); // version

        int[] px = Arrays.copyOf(argb, argb.length);
        // transform 1: subtract green (red and blue minus green)
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int g = (p >>> 8) & 0xff;
            int r = (((p >>> 16) & 0xff) - g) & 0xff;
            int b = ((p & 0xff) - g) & 0xff;
            px[i] = (p & 0xff00ff00) | (r << 16) | b;
        }
        bits.write(1, 1);
        bits.write(2, 2); // SUBTRACT_GREEN_TRANSFORM

        // transform 2: predictor, mode 1 (the left pixel) everywhere; blocks of 512 px, so a tiny mode image
        int sizeBits = 7; // block side 1 << (7 + 2) = 512
        int block = 1 << (sizeBits + 2);
        int bw = (width + block - 1) / block;
        int bh = (height + block - 1) / block;
        int[] residual = new int[px.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int pred;
                if (x == 0 && y == 0) {
                    pred = 0xff000000;
                } else if (y == 0 || x > 0) {
                    pred = px[i - 1]; // the top row, and mode 1 elsewhere: left
                } else {
                    pred = px[i - width]; // the leftmost column: top
                }
                residual[i] = sub(px[i], pred);
            }
        }
        bits.write(1, 1);
        bits.write(0, 2); // PREDICTOR_TRANSFORM
        bits.write(sizeBits, 3);
        int[] modes = new int[bw * bh];
        Arrays.fill(modes, 0xff000100); // green = 1: predictor mode L
        entropyImage(bits, modes, false);
        bits.write(0, 1); // no more transforms

        entropyImage(bits, residual, true);
        return bits.toByteArray();
    }

    /** Channel-wise (a - b) mod 256. */
    private static int sub(int a, int b) {
        int alpha = (((a >>> 24) - (b >>> 24)) & 0xff) << 24;
        int red = ((((a >>> 16) & 0xff) - ((b >>> 16) & 0xff)) & 0xff) << 16;
        int green = ((((a >>> 8) & 0xff) - ((b >>> 8) & 0xff)) & 0xff) << 8;
        int blue = ((a & 0xff) - (b & 0xff)) & 0xff;
        return alpha | red | green | blue;
    }

    /** An entropy-coded image: no color cache, (for the main image) no meta prefix codes, five prefix codes. */
    private static void entropyImage(LsbBits bits, int[] px, boolean main) {
        bits.write(0, 1); // no color cache
        if (main) {
            bits.write(0, 1); // one prefix code group for the whole image
        }
        int[][] counts = {new int[256 + 24], new int[256], new int[256], new int[256], new int[40]};
        for (int p : px) {
            counts[0][(p >>> 8) & 0xff]++;
            counts[1][(p >>> 16) & 0xff]++;
            counts[2][p & 0xff]++;
            counts[3][p >>> 24]++;
        }
        PrefixCode[] codes = new PrefixCode[5];
        for (int k = 0; k < 5; k++) {
            codes[k] = PrefixCode.of(counts[k], 15);
            writeCode(bits, codes[k]);
        }
        for (int p : px) {
            codes[0].put(bits, (p >>> 8) & 0xff);
            codes[1].put(bits, (p >>> 16) & 0xff);
            codes[2].put(bits, p & 0xff);
            codes[3].put(bits, p >>> 24);
        }
    }

    private static void writeCode(LsbBits bits, PrefixCode c) {
        int[] used = c.usedSymbols();
        if (used.length <= 2 && (used.length == 0 || used[used.length - 1] < 256)) {
            // a simple code: one or two symbols
            bits.write(1, 1);
            int first = used.length == 0 ? 0 : used[0];
            bits.write(Math.max(0, used.length - 1), 1);
            if (first < 2) {
                bits.write(0, 1);
                bits.write(first, 1);
            } else {
                bits.write(1, 1);
                bits.write(first, 8);
            }
            if (used.length == 2) {
                bits.write(used[1], 8);
            }
            return;
        }
        bits.write(0, 1); // a normal code: its code lengths, themselves prefix-coded
        int[] lengths = c.lengths;
        int[] clCounts = new int[19];
        for (int len : lengths) {
            clCounts[len]++;
        }
        PrefixCode cl = PrefixCode.of(clCounts, 7);
        int n = 19;
        while (n > 4 && cl.lengths[CODE_LENGTH_ORDER[n - 1]] == 0) {
            n--;
        }
        bits.write(n - 4, 4);
        for (int i = 0; i < n; i++) {
            bits.write(cl.lengths[CODE_LENGTH_ORDER[i]], 3);
        }
        bits.write(0, 1); // max_symbol: all of them
        for (int len : lengths) {
            cl.put(bits, len);
        }
    }
}
