package dev.easel.ui.fx;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The one place icons are made. */
public final class Icons {
    private Icons() {
    }

    /** Easel's own icon in the sizes window managers and task bars pick from (decoding: not on the FX thread). */
    public static java.util.List<javafx.scene.image.Image> window() {
        return java.util.stream.IntStream.of(16, 32, 48, 64, 128, 256).mapToObj(size -> new javafx.scene.image.Image(
                java.util.Objects.requireNonNull(Icons.class.getResource("/dev/easel/icons/easel-" + size + ".png"))
                        .toExternalForm())).toList();
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        return icon;
    }
}
