package dev.easel.ui.gallery;

import dev.easel.library.Library;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The library returns what a rescan found as counts; the gallery says it, with plurals. */
class RescanSentenceTest {

    @Test
    void countsBecomeOneSentence() {
        assertThat(GalleryViewModel.describe(new Library.Rescan(2, 1, 0, 0, List.of("a.png: damaged"))))
                .isEqualTo("2 new images found, 1 image is missing from disk, 1 unreadable file skipped.");
        assertThat(GalleryViewModel.describe(new Library.Rescan(1, 3, 4, 0, List.of())))
                .isEqualTo("1 new image found, 3 images are missing from disk, 4 back on disk.");
        assertThat(GalleryViewModel.describe(new Library.Rescan(0, 0, 0, 2, List.of())))
                .isEqualTo("The library matches the folder.");
    }
}
