package dev.easel.jobs;

import java.time.Instant;

/**
 * One job in the queue: its current version, changed only by {@link JobQueue#transition}, and the scheduler's
 * bookkeeping, which is read and written under the queue's lock.
 */
final class TrackedJob {
    volatile Job job;
    final JobSpec spec;
    // the rest under the queue's lock
    Instant nextAction;
    Instant nextCancel;
    boolean busy;
    boolean cancelling;
    boolean saving;
    Instant pollingSince;
    int polls;
    Instant failingSince;
    int unreadable;

    TrackedJob(Job job, JobSpec spec) {
        this.job = job;
        this.spec = spec;
    }
}
