package dev.easel.ui.fx;

import javafx.scene.image.Image;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/** The one place icons are made. */
public final class Icons {
    private Icons() {
    }

    /** Easel's own icon in the sizes window managers and task bars pick from (decoding: not on the FX thread). */
    public static List<Image> window() {
        return IntStream.of(16, 32, 48, 64, 128, 256).mapToObj(size -> new Image(
                Objects.requireNonNull(Icons.class.getResource("/dev/easel/icons/easel-" + size + ".png"))
                        .toExternalForm())).toList();
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        return icon;
    }
}
