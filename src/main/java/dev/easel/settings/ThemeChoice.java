package dev.easel.settings;

import java.util.Locale;

/** How the window looks: as the operating system prefers (and follows it as it changes), or always light or dark. */
public enum ThemeChoice {
    SYSTEM, LIGHT, DARK;

    /** How the settings file spells it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice a settings file or a system property names; anything else (or nothing) follows the system. */
    public static ThemeChoice of(String key) {
        if (key != null) {
            for (ThemeChoice c : values()) {
                if (c.key().equalsIgnoreCase(key.strip())) {
                    return c;
                }
            }
        }
        return SYSTEM;
    }
}
