package dev.easel.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes {@code settings.json}: atomically, with a schema version; a file that cannot be read is kept
 * aside (never deleted) and the defaults load, with a note for the user.
 */
public final class SettingsStore {

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** What loading gave, and what to tell the user about it (null when nothing). */
    public record Loaded(Settings settings, String note) { }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SettingsStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(Settings.defaults(), null);
        }
        try {
            Settings s = json.readValue(file.toFile(), Settings.class);
            if (s.schemaVersion() > Settings.SCHEMA_VERSION) {
                return new Loaded(Settings.defaults(), "The settings were written by a newer Easel; they were left "
                        + "untouched and defaults are used for now.");
            }
            if (s.profiles().isEmpty()) {
                throw new IOException("no endpoint profiles");
            }
            return new Loaded(s, null);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(
                    clock.instant().atZone(clock.getZone())));
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.warn("could not move unreadable settings aside", moveFailed);
            }
            log.warn("settings unreadable, kept as {}: {}", aside, e.getMessage());
            return new Loaded(Settings.defaults(), "The settings file could not be read, so Easel started with "
                    + "defaults. The old file was kept as " + aside.getFileName() + ".");
        }
    }

    public void save(Settings s) throws IOException {
        synchronized (dev.easel.io.AtomicFiles.lockFor(file)) {
            dev.easel.io.AtomicFiles.write(file, json.writeValueAsBytes(s));
        }
    }

    /**
     * Reads, changes and writes the settings as one step: two writers in this process (the recent prompts, the
     * Settings dialog) never undo each other's change. Other processes are kept away by the instance lock.
     */
    public Settings update(java.util.function.UnaryOperator<Settings> change) throws IOException {
        synchronized (dev.easel.io.AtomicFiles.lockFor(file)) {
            Settings next = change.apply(load().settings());
            dev.easel.io.AtomicFiles.write(file, json.writeValueAsBytes(next));
            return next;
        }
    }

}
