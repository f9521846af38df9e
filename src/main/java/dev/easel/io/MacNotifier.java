package dev.easel.io;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** macOS: the Notification Center, through AppleScript's {@code display notification}. */
final class MacNotifier implements DesktopNotifier {

    @Override
    public boolean show(String title, String body) {
        String script = "display notification " + quoted(body) + " with title " + quoted(title);
        try {
            Process p = new ProcessBuilder(List.of("osascript", "-e", script)).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            LoggerFactory.getLogger(MacNotifier.class).debug("osascript could not notify", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An AppleScript string literal: backslashes and quotes escaped, so no text can end it. */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
