package dev.easel.jobs;

import dev.easel.api.JobRef;
import dev.easel.api.JobState;
import dev.easel.api.RunpodException;
import dev.easel.api.StatusResponse;
import dev.easel.text.Refused;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * The queue's way of cancelling: a job not sent yet ends at once; one Runpod has is asked with /cancel until
 * Runpod says it ended (the tick asks again, after a restart too); one being sent is asked as soon as its id is known.
 */
final class Canceller {

    private static final Logger log = LoggerFactory.getLogger(Canceller.class);

    private final JobQueue queue;

    Canceller(JobQueue queue) {
        this.queue = queue;
    }

    /** Records the cancel and, for a job Runpod has, asks for it. Throws {@link CompletionException} when refused. */
    void cancel(TrackedJob t) {
        Instant now = queue.clock.instant();
        // decided under the job's lock: a job not sent yet ends now, any other is asked for
        boolean recorded = queue.transition(t, j -> j.phase().isTerminal() ? j
                : j.phase() == JobPhase.PENDING ? JobStateMachine.ended(j, JobPhase.CANCELLED, now, null, null,
                null, false) : JobStateMachine.cancelRequested(j));
        if (t.job.phase().isTerminal()) {
            return;
        }
        if (!recorded || !t.job.outcome().cancelRequested()) {
            throw new CompletionException(new Refused(Text.of("jobs.cancel.notRecorded")));
        }
        if (t.job.runpodId() != null) {
            askToCancel(t);
        }
    }

    /**
     * The /cancel the tick owes a job whose cancel was asked for and that Runpod has, asked again every 5 s until it
     * ends; null when none is due. Called under the queue's lock.
     */
    Runnable due(TrackedJob t, Instant now) {
        if (!t.job.outcome().cancelRequested() || t.job.runpodId() == null || t.cancelling
                || t.nextCancel != null && t.nextCancel.isAfter(now)) {
            return null;
        }
        t.nextCancel = now.plusSeconds(5);
        return () -> {
            try {
                askToCancel(t);
            } catch (CompletionException e) {
                log.debug("cancel of job {} refused: {}", t.job.id(), e.getMessage());
            }
        };
    }

    /** POST /cancel for a job whose cancel was asked for; called by {@link #cancel} and, until it ends, the tick. */
    void askToCancel(TrackedJob t) {
        synchronized (queue) {
            if (t.cancelling || t.job.phase().isTerminal()) {
                return;
            }
            t.cancelling = true;
        }
        String rid = t.job.runpodId();
        try {
            queue.countChanges.incrementAndGet();
            JobRef ref = queue.endpoint.client().cancel(rid);
            if (ref.state() == JobState.CANCELLED) {
                // its execution time so far is what it cost: read it before the job ends (best effort)
                StatusResponse last = null;
                try {
                    last = queue.endpoint.client().status(rid);
                } catch (RunpodException e) {
                    log.debug("no final status for cancelled job {}: {}", rid, e.getMessage());
                }
                if (last != null) {
                    last.discard();
                }
                StatusResponse s = last;
                Instant now = queue.clock.instant();
                queue.transition(t, j -> JobStateMachine.ended(s == null ? j
                                : JobStateMachine.withExecution(j, s.delayTime(), s.executionTime()),
                        JobPhase.CANCELLED, now, null, null, null, false));
            } else {
                synchronized (queue) {
                    t.nextAction = queue.clock.instant(); // it ended otherwise, or the cancel is under way: look now
                    t.nextCancel = queue.clock.instant().plusSeconds(2);
                }
            }
        } catch (RunpodException e) {
            Instant now = queue.clock.instant();
            if (e.kind() == RunpodException.Kind.JOB_NOT_FOUND) {
                queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.EXPIRED, now,
                        Text.of("jobs.cancel.expired"), e.detail(), null, false));
            } else {
                Instant at = queue.tryAgainLater(t, e, now, null, "jobs.retry.cancelling");
                synchronized (queue) {
                    t.nextCancel = at;
                }
                if (!e.kind().isTransient()) {
                    throw new CompletionException(e);
                }
            }
        } finally {
            synchronized (queue) {
                t.cancelling = false;
            }
        }
    }
}
