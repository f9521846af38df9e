package dev.easel.library;

import dev.easel.demo.DemoRenderer;
import dev.easel.workflow.ExifText;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Easel's lossless WebP, read back by an independent decoder (TwelveMonkeys): every pixel the same. */
class WebpWriterTest {

    private static BufferedImage decode(byte[] webp) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(webp));
        assertThat(img).as("a WebP reader reads it").isNotNull();
        return img;
    }

    private static void sameArgb(int[] argb, int w, int h, BufferedImage back) {
        assertThat(back.getWidth()).isEqualTo(w);
        assertThat(back.getHeight()).isEqualTo(h);
        int[] got = back.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            if (got[i] != argb[i]) {
                throw new AssertionError("pixel " + (i % w) + "," + (i / w) + ": wrote "
                        + Integer.toHexString(argb[i]) + ", read " + Integer.toHexString(got[i]));
            }
        }
    }

    @Test
    void aPictureRoundTripsPixelExact() throws Exception {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(
                new DemoRenderer().renderPng("a lighthouse", 7, 5, 300, 200, 0)));
        int[] argb = src.getRGB(0, 0, 300, 200, null, 0, 300);
        byte[] webp = WebpWriter.write(argb, 300, 200, null);
        assertThat(new String(webp, 0, 4)).isEqualTo("RIFF");
        assertThat(new String(webp, 8, 8)).isEqualTo("WEBPVP8L");
        sameArgb(argb, 300, 200, decode(webp));
    }

    @Test
    void noiseAlphaOddSizesAndSingleColours() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        int[][] sizes = {{1, 1}, {3, 7}, {513, 2}, {61, 67}};
        for (int[] s : sizes) {
            int[] noise = new int[s[0] * s[1]];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = r.nextInt();
            }
            sameArgb(noise, s[0], s[1], decode(WebpWriter.write(noise, s[0], s[1], null)));
            int[] flat = new int[s[0] * s[1]];
            Arrays.fill(flat, 0xff336699);
            sameArgb(flat, s[0], s[1], decode(WebpWriter.write(flat, s[0], s[1], null)));
        }
        // a skewed histogram: long codes, limited to 15 bits
        int[] skew = new int[200 * 200];
        for (int i = 0; i < skew.length; i++) {
            int v = (int) Math.min(255, Math.abs(r.nextGaussian()) * (i % 97 == 0 ? 120 : 2));
            skew[i] = 0xff000000 | v << 16 | (v * 3 & 0xff) << 8 | (255 - v);
        }
        sameArgb(skew, 200, 200, decode(WebpWriter.write(skew, 200, 200, null)));
        assertThatThrownBy(() -> WebpWriter.write(new int[0], 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExifChunkCarriesTheParameters() throws Exception {
        int[] px = new int[16 * 16];
        Arrays.fill(px, 0xff102030);
        String text = "a fox · 狐\nSteps: 20, Seed: 7";
        byte[] webp = WebpWriter.write(px, 16, 16, JpegExif.tiff(text));
        assertThat(new String(webp, 12, 4)).isEqualTo("VP8X");
        assertThat(webp[20] & 0x08).as("the EXIF flag").isEqualTo(0x08);
        assertThat(Optional.ofNullable(ExifText.read(webp).get("parameters"))).contains(text);
        sameArgb(px, 16, 16, decode(webp));
    }
}
