package dev.easel.ui.queue;

import dev.easel.io.Futures;
import dev.easel.jobs.Budget;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.settings.Settings;
import dev.easel.text.Messages;
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
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** The live job queue: rows newest first, running count, session cost; cancel, retry, clear. */
public final class QueueViewModel {

    private final JobQueue queue;
    private final Executor fx;
    private final ObservableList<Job> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper();
    private final ObservableList<Job> live = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyBooleanWrapper progressIsEstimate = new ReadOnlyBooleanWrapper();
    private Consumer<Job> onEnded = j -> { };
    private final ReadOnlyDoubleWrapper sessionCost = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper hasFinished = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper();
    private final ReadOnlyDoubleWrapper todayCost = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper monthCost = new ReadOnlyDoubleWrapper();
    /** Why jobs wait unsent ("Paused: today's budget …"), or "". */
    private final ReadOnlyStringWrapper budgetStop = new ReadOnlyStringWrapper("");
    private Budget.Period heldBy;
    private final Set<Long> completedSeen = new HashSet<>();
    private final Set<Long> endedSeen = new HashSet<>();
    private final Consumer<Job> onCompleted;
    private final Executor io;
    private final Clock clock;
    private boolean firstUpdate = true;

    /**
     * @param onCompleted told once about each job that completes in this session (the gallery refreshes)
     */
    public QueueViewModel(JobQueue queue, Executor fx, Consumer<Job> onCompleted) {
        this(queue, fx, null, Clock.systemDefaultZone(), onCompleted);
    }

    /**
     * @param io    reads today's and this month's spending from the journal (null: not read)
     * @param clock its zone says where a day and a month begin
     */
    public QueueViewModel(JobQueue queue, Executor fx, Executor io, Clock clock, Consumer<Job> onCompleted) {
        this.queue = queue;
        this.fx = fx;
        this.io = io;
        this.clock = clock;
        this.onCompleted = onCompleted;
        queue.addListener(jobs -> fx.execute(() -> update(jobs)));
        update(queue.jobs());
        refreshSpending();
    }

    /** Reads today's and this month's spending from the journal, off the FX thread. */
    private void refreshSpending() {
        if (io == null) {
            return;
        }
        io.execute(() -> {
            ZonedDateTime now = ZonedDateTime.now(clock);
            ZonedDateTime day = now.toLocalDate().atStartOfDay(now.getZone());
            try {
                double today = queue.spending().since(day.toInstant());
                double month = queue.spending().since(day.withDayOfMonth(1).toInstant());
                fx.execute(() -> {
                    todayCost.set(today);
                    monthCost.set(month);
                });
            } catch (SQLException e) {
                LoggerFactory.getLogger(QueueViewModel.class).warn("spending could not be read", e);
            }
        });
    }

    private void update(List<Job> jobs) {
        rows.setAll(jobs.reversed());
        running.set((int) jobs.stream().filter(j -> j.phase() == JobPhase.IN_PROGRESS
                || j.phase() == JobPhase.SAVING).count());
        queued.set((int) jobs.stream().filter(j -> !j.phase().isTerminal() && j.phase() != JobPhase.IN_PROGRESS
                && j.phase() != JobPhase.SAVING).count());
        hasFinished.set(jobs.stream().anyMatch(j -> j.phase().isTerminal()));
        live.setAll(jobs.stream().filter(j -> !j.phase().isTerminal()).toList());
        // the running jobs' progress, on average: what the worker said, else the estimate from learned times
        var measured = jobs.stream().filter(j -> j.phase() == JobPhase.IN_PROGRESS && j.progress() >= 0).toList();
        progress.set(measured.isEmpty() ? -1 : measured.stream().mapToDouble(Job::progress).average().orElse(-1));
        progressIsEstimate.set(measured.stream().anyMatch(Job::progressIsEstimate));
        boolean ended = false;
        for (Job j : jobs) {
            if (j.phase() == JobPhase.COMPLETED && completedSeen.add(j.id())) {
                onCompleted.accept(j);
            }
            if (j.phase().isTerminal() && endedSeen.add(j.id())) {
                ended = true;
                if (!firstUpdate) { // not the jobs that had ended before this window opened
                    onEnded.accept(j);
                }
            }
        }
        // spent since the app started, whatever rows are shown or cleared
        sessionCost.set(queue.spending().session());
        var stop = queue.spending().stop();
        heldBy = stop.map(Budget.Stop::period).orElse(null);
        budgetStop.set(stop.map(x -> Messages.get(x.said())).orElse(""));
        if (ended && io != null && !firstUpdate) {
            refreshSpending();
        }
        firstUpdate = false;
    }

    /** The budgets from Settings, at once; the session one counts from {@code sessionStart}. */
    public void useBudgets(Settings.Budgets b, Instant sessionStart) {
        queue.spending().set(new Budget(b.perDay(), b.perMonth(), b.perSession()), sessionStart);
    }

    /** Sends the jobs a budget holds: the budget is not checked again until its day, month or session ends. */
    public void goPastBudget() {
        if (heldBy != null) {
            queue.spending().waive(heldBy);
            budgetStop.set(""); // the next tick sends them
        }
    }

    /** Cancels the jobs not sent yet (those a budget holds). */
    public void cancelWaiting() {
        rows.stream().filter(j -> j.phase() == JobPhase.PENDING).forEach(this::cancel);
    }

    public ReadOnlyStringProperty budgetStopProperty() {
        return budgetStop.getReadOnlyProperty();
    }

    public void cancel(Job j) {
        report(queue.cancel(j.id()));
    }

    public void retry(Job j) {
        report(queue.retry(j.id()));
    }

    public void retryWithNewSeed(Job j) {
        report(queue.retryWithNewSeed(j.id(), ThreadLocalRandom.current().nextLong(1L << 48)));
    }

    /** Tries a job's failed request now instead of waiting out its retry (the network is back, say). */
    public void tryNow(Job j) {
        queue.tryNow(j.id());
    }

    public void clearFinished() {
        report(queue.clearFinished());
    }

    private void report(CompletableFuture<?> f) {
        Futures.detach(f.whenCompleteAsync((ok, error) -> lastError.set(error == null ? null
                : Messages.of(Futures.unwrap(error))), fx), "a queue action");
    }

    public ObservableList<Job> rows() {
        return rows;
    }

    /** The jobs not ended yet, oldest first: the gallery's placeholders. */
    public ObservableList<Job> live() {
        return live;
    }

    /** The running jobs' progress on average, 0..1; -1 when none is known. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether that progress is (partly) estimated from learned run times rather than said by the worker. */
    public ReadOnlyBooleanProperty progressIsEstimateProperty() {
        return progressIsEstimate.getReadOnlyProperty();
    }

    /** The window's title: "Easel", "Easel · 3 queued", "Easel · 2 running · 45 %" (≈ when estimated). */
    public StringBinding windowTitle() {
        return Bindings.createStringBinding(() -> {
            int r = running.get();
            long percent = Math.round(progress.get() * 100);
            if (r == 0) {
                return queued.get() == 0 ? Messages.get("window.title") : Messages.get("window.title.queued", queued.get());
            }
            if (progress.get() < 0) {
                return Messages.get("window.title.running", r);
            }
            return progressIsEstimate.get() ? Messages.get("window.title.estimate", r, percent)
                    : Messages.get("window.title.progress", r, percent);
        }, running, queued, progress, progressIsEstimate);
    }

    /** Told of each job that ends (done, failed, cancelled…) while the window is open: notifications. */
    public void setOnEnded(Consumer<Job> hook) {
        this.onEnded = hook;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Jobs waiting: not sent yet, being sent, or in Runpod's queue. */
    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    /** What the GPU time of jobs that ended since the app started cost, at the endpoint's price. */
    public ReadOnlyDoubleProperty sessionCostProperty() {
        return sessionCost.getReadOnlyProperty();
    }

    /** The same since midnight, from the journal (every session, cleared rows too). */
    public ReadOnlyDoubleProperty todayCostProperty() {
        return todayCost.getReadOnlyProperty();
    }

    /** The same since the first of the month. */
    public ReadOnlyDoubleProperty monthCostProperty() {
        return monthCost.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasFinishedProperty() {
        return hasFinished.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }
}
