package dev.easel;

import dev.easel.api.Redaction;
import dev.easel.settings.AppFolders;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reports of unexpected errors: what happened, where, with which versions, written to the log folder with no
 * secrets in them (API keys and bearer tokens are blanked out even if some message carried one).
 */
final class CrashReports {

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final Pattern RUNPOD_KEY = Pattern.compile("\\b(rpa|rp)_[A-Za-z0-9]{8,}");
    private static final Pattern KEY_FIELD = Pattern.compile("(?i)((api[_-]?key|authorization|token)\\W{1,3})[^\\s\"',;]+");

    private CrashReports() {
    }

    /** The report's text: versions, thread, the stack trace; secrets removed. */
    static String text(Thread thread, Throwable error, AppFolders folders) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String text = "Easel error report, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                + "\n\n" + AboutEasel.versions() + "\nThread: " + thread.getName() + "\nLogs: " + folders.logs()
                + "\n\n" + trace;
        return scrub(text);
    }

    /** Blanks out what looks like a key or a bearer token. */
    static String scrub(String text) {
        String s = Redaction.redact(text); // the keys in use, whatever their shape
        s = BEARER.matcher(s).replaceAll("$1[removed]");
        s = RUNPOD_KEY.matcher(s).replaceAll("[removed key]");
        return KEY_FIELD.matcher(s).replaceAll("$1[removed]");
    }

    /** A report: its text (no secrets in it) and the file it was written to, or null when it couldn't be. */
    record Report(String text, Path file) { }

    /** Makes the report of an error nothing caught, logs it (scrubbed, never the raw exception) and writes it. */
    static Report report(Thread thread, Throwable error, AppFolders folders) {
        String text = text(thread, error, folders);
        LoggerFactory.getLogger(CrashReports.class).error("uncaught error\n{}", text);
        return new Report(text, write(text, folders));
    }

    static Path write(String report, AppFolders folders) {
        try {
            Path dir = folders.logs();
            Files.createDirectories(dir);
            Path file = dir.resolve("error-" + LocalDateTime.now().format(
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)) + ".txt");
            Files.writeString(file, report);
            return file;
        } catch (IOException e) {
            return null;
        }
    }
}
