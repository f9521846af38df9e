package dev.easel.io;

import org.slf4j.LoggerFactory;

import java.awt.AWTException;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;

/** Windows: a balloon from a tray icon Easel adds while it runs (the Action Center keeps it). */
final class TrayNotifier implements DesktopNotifier {

    private TrayIcon icon;

    @Override
    public synchronized boolean show(String title, String body) {
        try {
            if (!SystemTray.isSupported()) {
                return false;
            }
            if (icon == null) {
                var url = TrayNotifier.class.getResource("/dev/easel/icons/easel-32.png");
                Image image = url != null ? Toolkit.getDefaultToolkit().getImage(url)
                        : new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
                icon = new TrayIcon(image, "Easel");
                icon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(icon);
            }
            icon.displayMessage(title, body, TrayIcon.MessageType.INFO);
            return true;
        } catch (AWTException | RuntimeException e) {
            LoggerFactory.getLogger(TrayNotifier.class).debug("the system tray could not notify", e);
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (icon != null) {
            SystemTray.getSystemTray().remove(icon);
            icon = null;
        }
    }
}
