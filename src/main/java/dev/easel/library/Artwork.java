package dev.easel.library;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** One saved result: the file on disk and what made it. */
public record Artwork(long id, long jobId, Path file, int width, int height, long bytes, String prompt,
                      String negativePrompt, Long seed, String paramsJson, String templateId, String endpoint,
                      String runpodId, Duration delay, Duration execution, double cost, Instant created,
                      boolean favourite) { }
