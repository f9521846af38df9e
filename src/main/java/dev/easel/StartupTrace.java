package dev.easel;

import java.time.Duration;
import java.time.Instant;

/**
 * The startup probe's trace ({@code -Deasel.startupProbe=true}): how long after the process started each phase was
 * reached, printed for the startup benchmark. Handed to what starts up, so nothing calls back into the app for it.
 */
public final class StartupTrace {

    /** Prints nothing. */
    public static final StartupTrace OFF = new StartupTrace(false);

    private final boolean on;

    private StartupTrace(boolean on) {
        this.on = on;
    }

    public static StartupTrace of(boolean on) {
        return on ? new StartupTrace(true) : OFF;
    }

    /** Milliseconds since the process started. */
    public static long sinceStart() {
        return Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now())
                .toMillis();
    }

    public void phase(String name) {
        if (on) {
            System.out.println("startup-phase " + name + " " + sinceStart());
        }
    }

    public boolean on() {
        return on;
    }
}
