package dev.easel.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.easel.io.AtomicFiles;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code settings.json}: atomically, with a schema version; a file that cannot be read is kept
 * aside (never deleted) and the defaults load, with a note for the user.
 */
public final class SettingsStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** What loading gave, and what to tell the user about it (null when nothing). */
    public record Loaded(Settings settings, Text note) { }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ScheduledExecutorService later;
    private final Duration quiet;
    private final List<UnaryOperator<Settings>> pending = new ArrayList<>();
    private ScheduledFuture<?> scheduled;

    /** A store whose {@link #updateLater} changes are written at once (the command line, tests). */
    public SettingsStore(Path file, Clock clock) {
        this(file, clock, null, Duration.ZERO);
    }

    /**
     * The app's one store: {@link #updateLater} changes (recent prompts, models an endpoint reported) are gathered for
     * {@code quiet} and written together on {@code later}, in the order they were asked for.
     */
    public SettingsStore(Path file, Clock clock, ScheduledExecutorService later,
                         Duration quiet) {
        this.file = file;
        this.clock = clock;
        this.later = later;
        this.quiet = quiet;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(Settings.defaults(), null);
        }
        try {
            Settings s = json.readValue(file.toFile(), Settings.class);
            if (s.schemaVersion() > Settings.SCHEMA_VERSION) {
                return new Loaded(Settings.defaults(), Text.of("settings.newer"));
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
            return new Loaded(Settings.defaults(), Text.of("settings.unreadable", aside.getFileName()));
        }
    }

    public void save(Settings s) throws IOException {
        synchronized (AtomicFiles.lockFor(file)) {
            AtomicFiles.write(file, json.writeValueAsBytes(s));
        }
    }

    /**
     * Asks for a change to be written soon: changes asked for within the quiet time are written as one. A failed
     * write is logged: what is asked for this way (recent prompts, remembered models) is worth keeping, not worth
     * interrupting anyone for.
     */
    public void updateLater(UnaryOperator<Settings> change) {
        synchronized (pending) {
            pending.add(change);
            if (later == null) {
                flush();
                return;
            }
            if (scheduled == null || scheduled.isDone()) {
                try {
                    scheduled = later.schedule(this::flush, quiet.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                    flush();
                }
            }
        }
    }

    /** Writes the changes asked for with {@link #updateLater} and not written yet. */
    public void flush() {
        List<UnaryOperator<Settings>> changes;
        synchronized (pending) {
            changes = List.copyOf(pending);
            pending.clear();
        }
        if (changes.isEmpty()) {
            return;
        }
        try {
            update(s -> {
                Settings next = s;
                for (var c : changes) {
                    next = c.apply(next);
                }
                return next;
            });
        } catch (IOException | RuntimeException e) {
            log.warn("could not save the settings", e);
        }
    }

    /** Writes what is still waiting. */
    @Override
    public void close() {
        flush();
    }

    /**
     * Reads, changes and writes the settings as one step: two writers in this process (the recent prompts, the
     * Settings dialog) never undo each other's change. Other processes are kept away by the instance lock.
     */
    public Settings update(UnaryOperator<Settings> change) throws IOException {
        synchronized (AtomicFiles.lockFor(file)) {
            Settings next = change.apply(load().settings());
            AtomicFiles.write(file, json.writeValueAsBytes(next));
            return next;
        }
    }

}
