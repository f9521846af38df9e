package dev.easel.jobs;

import dev.easel.api.JobError;
import dev.easel.api.JobState;
import dev.easel.api.RunpodException;
import dev.easel.api.StatusResponse;
import dev.easel.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The queue's way of following a job Runpod has: one /status request, and the answer applied. A completed job is
 * handed to the {@link ResultSaver}; an answer that can't be read is asked again up to
 * {@link JobQueue#UNREADABLE_LIMIT} times; a failed request is retried with a backoff until
 * {@link JobQueue#GIVE_UP_AFTER}, or ends the job when asking again can't help.
 */
final class StatusFollower {

    private static final Logger log = LoggerFactory.getLogger(StatusFollower.class);

    private final JobQueue queue;
    private final ResultSaver saver;
    private final AtomicInteger statusRequests = new AtomicInteger();
    private volatile BiFunction<JobSpec, JobError, Text> advice = (spec, error) -> error.summary();

    StatusFollower(JobQueue queue, ResultSaver saver) {
        this.queue = queue;
        this.saver = saver;
    }

    void setAdvice(BiFunction<JobSpec, JobError, Text> advice) {
        this.advice = advice;
    }

    int statusRequests() {
        return statusRequests.get();
    }

    private Text said(JobSpec spec, JobError error) {
        try {
            Text s = advice.apply(spec, error);
            return s == null ? error.summary() : s;
        } catch (RuntimeException e) { // advice is a nicety: the worker's own words stand
            log.warn("the advice on a failed job failed", e);
            return error.summary();
        }
    }

    void poll(TrackedJob t) {
        String rid;
        synchronized (queue) {
            rid = t.job.runpodId();
            t.polls++;
        }
        try {
            statusRequests.incrementAndGet();
            StatusResponse s = queue.endpoint.client().status(rid);
            if (!apply(t, s)) {
                s.discard(); // images decoded to files are only kept for a save
            }
        } catch (RunpodException e) {
            onPollFailure(t, e);
        } catch (OutOfMemoryError e) { // asked again a few times, then the job ends with its result kept
            log.error("the answer about job {} does not fit in memory", t.job.id(), e);
            onPollFailure(t, new RunpodException(RunpodException.Kind.BAD_RESPONSE,
                    Text.of("jobs.poll.outOfMemory"), String.valueOf(e)));
        } catch (RuntimeException e) {
            log.error("polling job {} failed unexpectedly", t.job.id(), e);
            onPollFailure(t, new RunpodException(RunpodException.Kind.BAD_RESPONSE,
                    Text.of("jobs.poll.unreadable"), String.valueOf(e)));
        }
    }

    /** Follows an answer; true when it was handed to the {@link ResultSaver}, which then owns its files. */
    private boolean apply(TrackedJob t, StatusResponse s) {
        Instant now = queue.clock.instant();
        boolean handedOff = false;
        synchronized (queue) {
            t.failingSince = null;
        }
        queue.transition(t, JobStateMachine::recovered);
        JobPhase current = t.job.phase();
        switch (s.state()) {
            case IN_QUEUE, IN_PROGRESS -> {
                if (current == JobPhase.SAVING) {
                    unreadable(t, now, Text.of("jobs.poll.liveAfterDone", s.rawStatus()), s.raw().toString());
                    break;
                }
                JobPhase phase = s.state() == JobState.IN_QUEUE ? JobPhase.IN_QUEUE : JobPhase.IN_PROGRESS;
                queue.transition(t, j -> {
                    Job next = JobStateMachine.observed(j, phase, s.delayTime(), s.executionTime());
                    var p = s.progress();
                    return p.isPresent() ? JobStateMachine.progress(next, Math.clamp(p.get().percent() / 100.0, 0, 1),
                            false) : next;
                });
                synchronized (queue) {
                    t.unreadable = 0;
                }
            }
            case COMPLETED -> {
                var failure = s.failure();
                if (failure.isPresent()) {
                    queue.transition(t, j -> JobStateMachine.ended(JobStateMachine.withExecution(j, s.delayTime(),
                            s.executionTime()), JobPhase.FAILED, now, said(t.spec, failure.get()),
                            failure.get().detail(), null, false));
                } else if (queue.transition(t, j -> JobStateMachine.observed(j, JobPhase.SAVING, s.delayTime(),
                        s.executionTime()))) {
                    synchronized (queue) {
                        t.saving = true;
                    }
                    queue.io.execute(() -> saver.save(t, s));
                    handedOff = true;
                }
            }
            case FAILED, TIMED_OUT -> {
                var failure = s.failure().orElse(null);
                queue.transition(t, j -> JobStateMachine.ended(JobStateMachine.withExecution(j, s.delayTime(),
                                s.executionTime()), s.state() == JobState.FAILED ? JobPhase.FAILED : JobPhase.TIMED_OUT,
                        now, failure == null ? Text.of("jobs.failed") : said(t.spec, failure),
                        failure == null ? null : failure.detail(), null, false));
            }
            case CANCELLED -> queue.transition(t, j -> JobStateMachine.ended(JobStateMachine.withExecution(j,
                    s.delayTime(), s.executionTime()), JobPhase.CANCELLED, now, null, null, null, false));
            case UNKNOWN -> unreadable(t, now, Text.of("jobs.poll.unknownState", s.rawStatus()), s.raw().toString());
        }
        queue.pollAgain(t, now);
        return handedOff;
    }

    /** An answer that can't be followed: noted, asked again, and after {@link JobQueue#UNREADABLE_LIMIT} the job ends. */
    private void unreadable(TrackedJob t, Instant now, Text what, String detail) {
        int n;
        synchronized (queue) {
            n = ++t.unreadable;
        }
        if (n >= JobQueue.UNREADABLE_LIMIT) {
            queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now,
                    what.then(Text.of("jobs.poll.stoppedAsking", n, JobQueue.RETENTION.toMinutes())),
                    ResultSaver.abbreviate(detail), null, true));
        } else {
            queue.transition(t, j -> j.withNote(what.then(Text.of("jobs.poll.askingAgain"))));
        }
    }

    private void onPollFailure(TrackedJob t, RunpodException e) {
        Instant now = queue.clock.instant();
        switch (e.kind()) {
            case JOB_NOT_FOUND -> queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.EXPIRED, now,
                    // the embedded demo forgets its jobs when it stops: not Runpod's retention, and nothing was paid
                    Text.of(queue.endpoint.inProcess() ? "jobs.poll.expired.demo" : "jobs.poll.expired",
                            JobQueue.RETENTION.toMinutes()), e.detail(), null, false));
            case INTERRUPTED -> { }
            case BAD_RESPONSE -> {
                unreadable(t, now, e.text(), e.detail());
                transientFailure(t, e, now);
            }
            default -> {
                if (e.kind().isTransient()) {
                    transientFailure(t, e, now);
                } else {
                    // the key, the endpoint or the request is refused: asking again won't help until it is fixed
                    queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now,
                            e.text().then(Text.of("jobs.poll.fixThenRetry", JobQueue.RETENTION.toMinutes())),
                            e.detail(), null, true));
                }
            }
        }
    }

    private void transientFailure(TrackedJob t, RunpodException e, Instant now) {
        if (t.job.phase().isTerminal()) {
            return;
        }
        Instant first = queue.failingSince(t, now);
        if (Duration.between(first, now).compareTo(JobQueue.GIVE_UP_AFTER) > 0) {
            queue.transition(t, j -> JobStateMachine.ended(j, JobPhase.FAILED, now,
                    Text.of("jobs.poll.gaveUp", JobQueue.GIVE_UP_AFTER.toMinutes(), e.text()), e.detail(), null, true));
            return;
        }
        queue.later(t, queue.tryAgainLater(t, e, now, null, "jobs.retry.last"));
    }

    /** Moves a running job's estimated progress on from the typical execution time, for a worker that sends none. */
    void estimateProgress(TrackedJob t, Instant now) {
        Job j = t.job;
        Duration typical = queue.planner.typical();
        if ((j.progressIsEstimate() || j.progress() < 0) && typical != null && j.started() != null
                && !typical.isZero()) {
            double p = Math.min(0.95, Duration.between(j.started(), now).toMillis() / (double) typical.toMillis());
            if (Math.abs(p - j.progress()) >= 0.01) {
                double fraction = Math.max(0, p);
                queue.transition(t, x -> x.phase() == JobPhase.IN_PROGRESS ? JobStateMachine.progress(x, fraction, true) : x);
            }
        }
    }
}
