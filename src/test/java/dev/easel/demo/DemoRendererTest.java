package dev.easel.demo;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRendererTest {

    private final DemoRenderer renderer = new DemoRenderer();

    @Test
    void aRealPngOfTheRequestedSize() throws Exception {
        byte[] png = renderer.renderPng("a treehouse", 1, 10, 320, 200, 0);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(200);
    }

    @Test
    void deterministicForPromptSeedSizeAndSteps() {
        assertThat(renderer.renderPng("a treehouse", 7, 10, 128, 128, 0))
                .isEqualTo(renderer.renderPng("a treehouse", 7, 10, 128, 128, 0));
    }

    @Test
    void differentPromptsSeedsStepsAndBatchItemsLookDifferent() {
        BufferedImage base = renderer.render("a treehouse", 7, 10, 128, 128, 0);
        assertThat(difference(base, renderer.render("a night sky with stars", 7, 10, 128, 128, 0))).isGreaterThan(0.05);
        assertThat(difference(base, renderer.render("a treehouse", 8, 10, 128, 128, 0))).isGreaterThan(0.02);
        assertThat(difference(base, renderer.render("a treehouse", 7, 40, 128, 128, 0))).isGreaterThan(0.0);
        assertThat(difference(base, renderer.render("a treehouse", 7, 10, 128, 128, 1))).isGreaterThan(0.02);
    }

    @Test
    void carriesABrightDemoStampInTheLowerRightCorner() {
        BufferedImage img = renderer.render("a dark night", 3, 10, 512, 512, 0);
        int bright = 0;
        for (int y = 430; y < 505; y++) {
            for (int x = 300; x < 505; x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 255) > 200 && ((rgb >> 8) & 255) > 200 && (rgb & 255) > 200) {
                    bright++;
                }
            }
        }
        assertThat(bright).as("white stroke pixels of DEMO").isGreaterThan(400);
    }

    /** Mean absolute channel difference, 0..1. */
    private static double difference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
                }
            }
        }
        return sum / (255.0 * 3 * a.getWidth() * a.getHeight());
    }
}
