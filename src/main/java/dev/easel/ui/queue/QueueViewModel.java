package dev.easel.ui.queue;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The live job queue: rows newest first, running count, session cost; cancel, retry, clear. */
public final class QueueViewModel {

    private final JobQueue queue;
    private final Executor fx;
    private final ObservableList<Job> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper sessionCost = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper hasFinished = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper();
    private final Set<Long> completedSeen = new HashSet<>();
    private final Consumer<Job> onCompleted;

    /**
     * @param onCompleted told once about each job that completes in this session (the gallery refreshes)
     */
    public QueueViewModel(JobQueue queue, Executor fx, Consumer<Job> onCompleted) {
        this.queue = queue;
        this.fx = fx;
        this.onCompleted = onCompleted;
        queue.addListener(jobs -> fx.execute(() -> update(jobs)));
        update(queue.jobs());
    }

    private void update(List<Job> jobs) {
        rows.setAll(jobs.reversed());
        running.set((int) jobs.stream().filter(j -> j.phase() == JobPhase.IN_PROGRESS
                || j.phase() == JobPhase.SAVING).count());
        queued.set((int) jobs.stream().filter(j -> !j.phase().isTerminal() && j.phase() != JobPhase.IN_PROGRESS
                && j.phase() != JobPhase.SAVING).count());
        hasFinished.set(jobs.stream().anyMatch(j -> j.phase().isTerminal()));
        double cost = 0;
        for (Job j : jobs) {
            if (j.phase() == JobPhase.COMPLETED || j.phase() == JobPhase.FAILED) {
                cost += j.cost();
            }
            if (j.phase() == JobPhase.COMPLETED && completedSeen.add(j.id())) {
                onCompleted.accept(j);
            }
        }
        sessionCost.set(cost);
    }

    public void cancel(Job j) {
        report(queue.cancel(j.id()));
    }

    public void retry(Job j) {
        report(queue.retry(j.id()));
    }

    public void retryWithNewSeed(Job j) {
        report(queue.retryWithNewSeed(j.id(), java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 48)));
    }

    public void clearFinished() {
        report(queue.clearFinished());
    }

    private void report(CompletableFuture<?> f) {
        f.whenCompleteAsync((ok, error) -> lastError.set(error == null ? null
                : (error.getCause() != null ? error.getCause() : error).getMessage()), fx);
    }

    public ObservableList<Job> rows() {
        return rows;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Jobs waiting: not sent yet, being sent, or in Runpod's queue. */
    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty sessionCostProperty() {
        return sessionCost.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasFinishedProperty() {
        return hasFinished.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }
}
