package dev.easel;

import dev.easel.settings.AppFolders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** What Help → About and error reports say about this copy of Easel: versions and folders. */
public final class AboutEasel {

    private AboutEasel() {
    }

    /** Easel's version, from the build. */
    public static String version() {
        try (InputStream in = AboutEasel.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("${") ? "development build" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Versions of Easel, Java, JavaFX and the OS, one per line. */
    public static String versions() {
        return "Easel " + version() + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n"
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
    }

    /** The folders Easel uses, one per line. */
    public static String folders(AppFolders f, Path output) {
        return String.format(Locale.ROOT, "Pictures: %s%nData: %s%nSettings: %s%nCache: %s%nLogs: %s",
                output, f.data(), f.config(), f.cache(), f.logs());
    }
}
