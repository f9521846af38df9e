package dev.easel.api;

/**
 * One line of a worker's log stream.
 *
 * @param id     the event's id, opaque: given back as {@code Last-Event-ID} to resume after it
 * @param source {@code container} (the worker's output) or {@code system} (the host's)
 */
public record LogEvent(String id, String ts, String source, String line) { }
