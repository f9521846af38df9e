package dev.easel.io;

import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Work that runs on its own: nobody waits for it, but its failure is logged, never lost. */
public final class Futures {

    private Futures() {
    }

    /**
     * Lets {@code work} finish on its own. What it does with its result or failure is in its own stages; a failure
     * they let through is logged here.
     *
     * @param what what the work is, for the log ("the thumbnail of 42")
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the one place a future is let go, with its failure logged
    public static void detach(CompletionStage<?> work, String what) {
        work.whenComplete((result, failure) -> {
            if (failure != null) {
                LoggerFactory.getLogger(Futures.class).warn("{} failed", what, failure);
            }
        });
    }

    /** The failure a future's wrapping ({@link CompletionException}, {@link ExecutionException}) hides. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
