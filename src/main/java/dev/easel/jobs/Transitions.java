package dev.easel.jobs;

import dev.easel.api.RunpodException;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.UnaryOperator;

/**
 * The one way a job changes: the move is checked against {@link JobStateMachine}, journaled, and only then takes
 * effect, all under the job's own lock, so memory and journal never disagree and an older write never lands after a
 * newer one. A change of live-only parts (progress, the next retry) is not journaled.
 */
final class Transitions {

    private static final Logger log = LoggerFactory.getLogger(Transitions.class);

    private final JobJournal journal;
    private final AtomicBoolean changed = new AtomicBoolean();
    private final DoubleAdder spent = new DoubleAdder();

    Transitions(JobJournal journal) {
        this.journal = journal;
    }

    /** @return whether the change took effect (false: a move the state machine forbids, or the journal refused it) */
    boolean apply(TrackedJob t, UnaryOperator<Job> change) {
        synchronized (t) {
            Job old = t.job;
            Job next = change.apply(old);
            if (next == old) {
                return true;
            }
            next = next.redacted(); // a key a server echoed never reaches the journal, the row or the log
            if (!JobStateMachine.allows(old.phase(), next.phase())) {
                log.debug("job {}: {} -> {} refused", old.id(), old.phase(), next.phase());
                return false;
            }
            if (JobStateMachine.journaledPartsDiffer(old, next)) {
                next = next.withVersion(old.version() + 1);
                try {
                    if (!journal.update(next)) {
                        log.warn("job {}: the journal holds a newer version than {}", old.id(), next.version());
                        return false;
                    }
                } catch (SQLException e) {
                    log.error("could not journal job {} ({} -> {}); the change is not made", old.id(), old.phase(),
                            next.phase(), e);
                    return false;
                }
            }
            t.job = next;
            if (!old.phase().isTerminal() && next.phase().isTerminal() && next.cost() > 0) {
                spent.add(next.cost()); // not under the queue's lock: the tick holds it while it asks for t's
            }
        }
        changed.set(true);
        return true;
    }

    /**
     * Notes a failed request on the job's row (the next attempt, its number, the cause) and says when to try again.
     *
     * @param phase the phase to be in meanwhile, or null to stay
     */
    Instant retryLater(TrackedJob t, RunpodException e, Instant now, JobPhase phase, String noteKey) {
        int attempt = t.job.live().attempt() + 1;
        Instant at = now.plus(Backoff.retryWait(e, attempt));
        apply(t, j -> JobStateMachine.retrying(j, phase == null ? j.phase() : phase, at, attempt,
                Text.of(noteKey, JobStateMachine.shortCause(e))));
        return at;
    }

    /** Notes a change that is not a job's (one added or hidden), for the next snapshot. */
    void changed() {
        changed.set(true);
    }

    /** Whether anything changed since the last call. */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /** What the jobs that ended through these transitions cost. */
    double spent() {
        return spent.sum();
    }
}
