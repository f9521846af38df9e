package dev.easel.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the window was and how big, and how wide its columns were, so it opens the same way next time.
 *
 * @param leftWidth the prompt and parameters column, in pixels (0: the default)
 * @param sideWidth the queue and JSON column, in pixels (0: the default)
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, double leftWidth,
                          double sideWidth) {

    /** A window state without column widths (as files written before them read). */
    public WindowState(double x, double y, double width, double height, boolean maximized) {
        this(x, y, width, height, maximized, 0, 0);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The saved state, if there is a readable one. */
    public static Optional<WindowState> load(Path file) {
        try {
            return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), WindowState.class)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable window state is not worth a word: defaults are fine
        }
    }

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }
}
