package dev.easel.api;

/** The short answer of {@code /run}, {@code /cancel} and {@code /retry}: a job id and its state. */
public record JobRef(String id, JobState state) { }
