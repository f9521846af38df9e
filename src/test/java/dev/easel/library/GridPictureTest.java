package dev.easel.library;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** A grid's labels are shortened in the middle, so two long seeds that differ at the end stay told apart. */
class GridPictureTest {

    private static FontMetrics metrics() {
        var g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        } finally {
            g.dispose();
        }
    }

    @Test
    void aLongLabelIsCutInTheMiddleToFitAndAShortOneIsKept() {
        FontMetrics m = metrics();
        assertThat(GridPicture.shorten("steps: 20", m, 200)).isEqualTo("steps: 20");
        String a = GridPicture.shorten("seed: 583521285738383", m, m.stringWidth("seed: 58352") + 10);
        String b = GridPicture.shorten("seed: 583521285738384", m, m.stringWidth("seed: 58352") + 10);
        assertThat(a).contains("\u2026").startsWith("seed").endsWith("83");
        assertThat(a).isNotEqualTo(b);
        assertThat(m.stringWidth(a)).isLessThanOrEqualTo(m.stringWidth("seed: 58352") + 10);
    }
}
