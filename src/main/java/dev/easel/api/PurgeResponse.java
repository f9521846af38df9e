package dev.easel.api;

/** The answer of {@code /purge-queue}: how many queued jobs were removed. */
public record PurgeResponse(int removed, String status) { }
