package dev.easel.ui.sweep;

import dev.easel.text.Messages;

import java.time.Duration;
import java.util.Locale;

/** How the sweep windows say a time: "40 s", "12 min", "2.5 h". */
final class SweepWords {

    private SweepWords() {
    }

    static String duration(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        if (s < 90) {
            return Messages.get("sweep.seconds", s);
        }
        long m = Math.round(s / 60.0);
        return m < 90 ? Messages.get("sweep.minutes", m) : Messages.get("sweep.hours",
                String.format(Locale.ROOT, "%.1f", m / 60.0));
    }
}
