package dev.easel.io;

import java.util.Locale;

/**
 * Notifications from the desktop itself (they show while another window is in front): D-Bus on Linux, the
 * Notification Center through {@code osascript} on macOS, the system tray on Windows.
 */
public interface DesktopNotifier extends AutoCloseable {

    /**
     * Shows one. Blocking I/O: call off the FX thread.
     *
     * @return false when this desktop could not show it (the app then says it itself)
     */
    boolean show(String title, String body);

    @Override
    default void close() {
    }

    /** The notifier of the desktop Easel runs on. */
    static DesktopNotifier forThisDesktop() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return new MacNotifier();
        }
        if (os.contains("win")) {
            return new TrayNotifier();
        }
        return FreedesktopNotifier.sessionBus();
    }
}
