package dev.easel.library;

import java.nio.file.Path;
import java.time.Instant;

/** What the gallery grid needs of one image: little, so 20,000 of them stay light. */
public record Tile(long id, Path file, int width, int height, String prompt, Long seed, boolean favourite,
                   boolean missing, Instant created) { }
