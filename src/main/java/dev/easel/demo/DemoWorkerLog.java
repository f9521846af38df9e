package dev.easel.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A demo worker's log: its last 500 lines, each numbered, for the REST v2 log stream. */
final class DemoWorkerLog {

    private static final int KEEP = 500;

    /** One line; {@code seq} grows by one per line and makes the event id. */
    record Line(long seq, Instant ts, String source, String text) {
        String eventId() {
            return ts + "/" + String.format("%012d", seq);
        }
    }

    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private long next = 1;
    private Instant startedAt;

    /** When the worker wrote its first line (started), or null. */
    synchronized Instant startedAt() {
        return startedAt;
    }

    synchronized void add(String source, String text) {
        Instant now = Instant.now();
        if (startedAt == null) {
            startedAt = now;
        }
        lines.addLast(new Line(next++, now, source, text));
        if (lines.size() > KEEP) {
            lines.removeFirst();
        }
        notifyAll();
    }

    /** The last {@code n} lines. */
    synchronized List<Line> tail(int n) {
        List<Line> all = new ArrayList<>(lines);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** The lines after {@code seq}, waiting up to {@code waitMs} for one when there are none yet. */
    synchronized List<Line> after(long seq, long waitMs) throws InterruptedException {
        long end = System.nanoTime() + waitMs * 1_000_000;
        while (true) {
            List<Line> out = new ArrayList<>();
            for (Line l : lines) {
                if (l.seq() > seq) {
                    out.add(l);
                }
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (!out.isEmpty() || left <= 0) {
                return out;
            }
            wait(left);
        }
    }
}
