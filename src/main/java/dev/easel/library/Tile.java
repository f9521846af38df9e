package dev.easel.library;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the gallery grid needs of one image: little, so 20,000 of them load fast and stay light. The prompt is not
 * here (only a tooltip shows it: {@link Library#prompts}), and the file is kept as the text the index holds, made a
 * {@link Path} when asked for.
 */
public record Tile(long id, String path, int width, int height, Long seed, boolean favourite, boolean missing,
                   Instant created) {

    public Path file() {
        return Path.of(path);
    }
}
