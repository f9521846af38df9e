package dev.easel.jobs;

import dev.easel.api.Redaction;
import dev.easel.text.Text;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job as the queue shows it. Immutable; every change is a new one made by {@link JobStateMachine} and journaled
 * before it takes effect ({@code version} grows by one with each).
 *
 * @param runpodId Runpod's job id once {@code /run} answered, else null
 * @param about    what it is: fixed when it is made
 * @param timings  when things happened
 * @param outcome  errors, notes and files
 * @param live     what only this run of the app knows: progress, cold start, the next retry
 */
public record Job(long id, long version, JobPhase phase, String runpodId, About about, Timings timings,
                  Outcome outcome, Live live) {

    /**
     * What a job is, fixed when it is made.
     *
     * @param retryOf the job this one retries (the same Runpod job fetched again, or its request sent again), or null
     */
    public record About(String endpointName, String endpointId, String prompt, Long seed, double pricePerSecond,
                        Long retryOf) { }

    /** When things happened; null while unknown. */
    public record Timings(Instant created, Instant submitted, Instant started, Instant finished, Duration delay,
                          Duration execution) {
        public static Timings createdAt(Instant created) {
            return new Timings(created, null, null, null, null, null);
        }
    }

    /**
     * How it went.
     *
     * @param error           why it failed, or null (a sentence of the bundle, or the worker's own words)
     * @param errorDetail     the raw answer behind the error, for the log and "Details"
     * @param note            something to say that is not an error ("Retrying…", non-fatal worker errors)
     * @param files           the saved images
     * @param resultKept      the job ran and Runpod may still keep its result, so a retry fetches it, not pays again
     * @param cancelRequested the user asked to cancel; Easel keeps asking Runpod until it ends
     */
    public record Outcome(Text error, String errorDetail, Text note, List<Path> files, boolean resultKept,
                          boolean cancelRequested) {
        public static final Outcome NONE = new Outcome(null, null, null, List.of(), false, false);

        public Outcome {
            files = List.copyOf(files);
        }
    }

    /**
     * What only this run of the app knows.
     *
     * @param progress 0..1 when known or estimated, else -1
     * @param retryAt  when the next attempt of a failed request is due, or null
     * @param attempt  how many attempts in a row have failed
     */
    public record Live(double progress, boolean progressIsEstimate, boolean coldStart, Instant retryAt, int attempt) {
        public static final Live NONE = new Live(-1, false, false, null, 0);

        Live withRetry(Instant at, int n) {
            return new Live(progress, progressIsEstimate, coldStart, at, n);
        }

        Live withProgress(double fraction, boolean estimate) {
            return new Live(fraction, estimate, coldStart, retryAt, attempt);
        }

        Live withColdStart(boolean cold) {
            return new Live(progress, progressIsEstimate, cold, retryAt, attempt);
        }
    }

    public Job {
        Objects.requireNonNull(phase);
        Objects.requireNonNull(about);
        Objects.requireNonNull(timings);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(live);
    }

    // ---- short ways to the parts ------------------------------------------------------------------------

    public String endpointName() {
        return about.endpointName();
    }

    public String prompt() {
        return about.prompt();
    }

    public Long seed() {
        return about.seed();
    }

    public double pricePerSecond() {
        return about.pricePerSecond();
    }

    public Instant created() {
        return timings.created();
    }

    public Instant submitted() {
        return timings.submitted();
    }

    public Instant started() {
        return timings.started();
    }

    public Instant finished() {
        return timings.finished();
    }

    public Duration delay() {
        return timings.delay();
    }

    public Duration execution() {
        return timings.execution();
    }

    public Text error() {
        return outcome.error();
    }

    public String errorDetail() {
        return outcome.errorDetail();
    }

    public Text note() {
        return outcome.note();
    }

    public List<Path> files() {
        return outcome.files();
    }

    public double progress() {
        return live.progress();
    }

    public boolean progressIsEstimate() {
        return live.progressIsEstimate();
    }

    public boolean coldStart() {
        return live.coldStart();
    }

    /** What the GPU time cost at the profile's price per second: executionTime × price (cancelled runs too). */
    public double cost() {
        return timings.execution() == null ? 0 : timings.execution().toMillis() / 1000.0 * about.pricePerSecond();
    }

    /** Whether the user's retry would fetch a result Runpod still keeps instead of running the job again. */
    public boolean retryFetchesResult() {
        return outcome.resultKept() && runpodId != null;
    }

    // ---- copies with one part changed (for the state machine) ------------------------------------------

    Job withPhase(JobPhase p) {
        return new Job(id, version, p, runpodId, about, timings, outcome, live);
    }

    Job withRunpodId(String rid) {
        return new Job(id, version, phase, rid, about, timings, outcome, live);
    }

    Job withTimings(Timings t) {
        return new Job(id, version, phase, runpodId, about, t, outcome, live);
    }

    /** This job with any key removed from its error, detail and note (itself when there is none). */
    Job redacted() {
        Text e = outcome.error() == null ? null : outcome.error().mapWords(Redaction::redact);
        String d = Redaction.redact(outcome.errorDetail());
        Text n = outcome.note() == null ? null : outcome.note().mapWords(Redaction::redact);
        if (Objects.equals(e, outcome.error()) && Objects.equals(d, outcome.errorDetail())
                && Objects.equals(n, outcome.note())) {
            return this;
        }
        return withOutcome(new Outcome(e, d, n, outcome.files(), outcome.resultKept(), outcome.cancelRequested()));
    }

    Job withOutcome(Outcome o) {
        return new Job(id, version, phase, runpodId, about, timings, o, live);
    }

    Job withLive(Live l) {
        return new Job(id, version, phase, runpodId, about, timings, outcome, l);
    }

    /** This job, never sent, on another endpoint: its name, id and price, one version later. */
    Job movedTo(JobEndpoint to) {
        About a = new About(to.name(), to.endpointId(), about.prompt(), about.seed(), to.pricePerSecond(),
                about.retryOf());
        return new Job(id, version + 1, phase, runpodId, a, timings, outcome, live);
    }

    Job withVersion(long v) {
        return new Job(id, v, phase, runpodId, about, timings, outcome, live);
    }

    Job withNote(Text note) {
        return withOutcome(new Outcome(outcome.error(), outcome.errorDetail(), note, outcome.files(),
                outcome.resultKept(), outcome.cancelRequested()));
    }
}
