package dev.easel.api;

import java.time.Duration;

/** Waits between retries; tests swap in one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}
