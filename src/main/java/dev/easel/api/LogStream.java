package dev.easel.api;

/** A worker's log as it comes; {@link #close()} from another thread ends a waiting {@link #next()}. */
public interface LogStream extends AutoCloseable {

    /** The next line, waiting for it; null when the stream ended (or was closed). */
    LogEvent next();

    /** The id of the last event read, to resume from; null before the first. */
    String lastEventId();

    @Override
    void close();
}
