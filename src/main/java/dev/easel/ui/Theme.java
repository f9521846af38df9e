package dev.easel.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;

/** AtlantaFX's Primer theme, light or dark: as asked, or following the OS's preference as it changes. */
public final class Theme {

    private Theme() {
    }

    /** @param theme {@code system}, {@code light} or {@code dark} */
    public static void apply(String theme) {
        boolean system = theme.equalsIgnoreCase("system");
        boolean dark = theme.equalsIgnoreCase("dark")
                || (system && Platform.getPreferences().getColorScheme() == ColorScheme.DARK);
        set(dark);
        if (system) {
            Platform.getPreferences().colorSchemeProperty().addListener((o, was, scheme) -> set(scheme == ColorScheme.DARK));
        }
    }

    private static void set(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
