package dev.easel.ui.queue;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.binding.Bindings;
import dev.easel.ui.fx.Labels;
import org.kordamp.ikonli.feather.Feather;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One job in the queue: state, prompt and seed, timings and cost, the error in one sentence, its actions. Cancel sits
 * at the top right of a live job; the actions of an ended one (retry, new seed) sit on a row of their own below it,
 * so a double-click on × can never land on "run again". Those buttons ignore clicks for a moment after the job
 * changed, so a click meant for one state never sends a paid job in the next.
 */
public final class JobCell extends ListCell<Job> {

    /** How long a row's buttons ignore clicks after its job changed phase. */
    public static final Duration CLICK_GUARD = Duration.ofMillis(600);

    private final Label state = new Label();
    private final Label title = new Label();
    private final Label timings = new Label();
    private final Label cost = new Label();
    private final Label error = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button(null, Icons.of(Feather.X));
    private final Button retry = new Button(null, Icons.of(Feather.ROTATE_CW));
    private final Button newSeed = new Button(null, Icons.of(Feather.SHUFFLE));
    private final Button tryNow = new Button(null, Icons.of(Feather.REFRESH_CW));
    private final VBox box;
    private final HBox endActions;
    private long shownId = -1;
    private JobPhase shownPhase;
    private long phaseShownAt;

    public JobCell(Consumer<Job> onCancel, Consumer<Job> onRetry, Consumer<Job> onNewSeed, Consumer<Job> onTryNow) {
        getStyleClass().add("job-cell");
        state.getStyleClass().add("job-state");
        title.getStyleClass().add("job-title");
        timings.getStyleClass().add("job-timings");
        error.getStyleClass().add("job-error");
        error.setWrapText(true);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setPrefHeight(6);
        cancel.setTooltip(new Tooltip(Messages.get("queue.cancelThisJob")));
        retry.setTooltip(new Tooltip(Messages.get("queue.retryThisJob")));
        newSeed.setTooltip(new Tooltip(Messages.get("queue.runItAgainWith")));
        tryNow.setTooltip(new Tooltip(Messages.get("queue.tryNow.tooltip")));
        tryNow.setText(Messages.get("queue.tryNow"));
        for (Button b : new Button[] {cancel, retry, newSeed, tryNow}) {
            b.getStyleClass().addAll("flat", "small");
        }
        cancel.setId("cancelJobButton");
        retry.setId("retryJobButton");
        newSeed.setId("newSeedJobButton");
        tryNow.setId("tryNowJobButton");
        cancel.setOnAction(e -> act(onCancel, false));
        retry.setOnAction(e -> act(onRetry, true));
        newSeed.setOnAction(e -> act(onNewSeed, true));
        tryNow.setOnAction(e -> act(onTryNow, false));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        cost.getStyleClass().add("job-timings");
        cost.setMinWidth(Region.USE_PREF_SIZE); // the cost is never cut: a long seed below may be
        var top = new HBox(6, state, spacer, cost, tryNow, cancel);
        top.setAlignment(Pos.CENTER_LEFT);
        retry.setText(Messages.get("queue.retry"));
        newSeed.setText(Messages.get("queue.newSeed"));
        endActions = new HBox(6, retry, newSeed);
        endActions.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(3, top, title, progress, timings, error, endActions);
        title.setMaxWidth(Double.MAX_VALUE);
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        Labels.mayBeCut(title); // a long prompt: its tooltip has all of it
        // never wider than the list: long prompts are cut, not scrolled sideways
        setPrefWidth(0);
        // the timings and the note wrap: a wrapping label is as tall as its lines at the width it is given, and the
        // cell asks its height before it is laid out, so the row's width is given to them as their preferred width
        var inner = Bindings.createDoubleBinding(() -> Math.max(0, getWidth() - snappedLeftInset()
                - snappedRightInset()), widthProperty(), paddingProperty());
        for (Label l : new Label[] {timings, error}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.prefWidthProperty().bind(inner);
        }
    }

    /**
     * Runs a row action unless the job is no longer in a state the action belongs to; the actions that send a job
     * (and cost money) also wait out the guard after a change. Cancel never waits: it is never shown where another
     * action was, and asking it twice costs nothing.
     */
    private void act(Consumer<Job> action, boolean forEnded) {
        Job j = getItem();
        if (j == null || j.phase().isTerminal() != forEnded
                || forEnded && System.nanoTime() - phaseShownAt < CLICK_GUARD.toNanos()) {
            return;
        }
        action.accept(j);
    }

    @Override
    protected void updateItem(Job j, boolean empty) {
        super.updateItem(j, empty);
        if (empty || j == null) {
            setGraphic(null);
            setText(null);
            shownId = -1;
            return;
        }
        if (j.id() != shownId || j.phase() != shownPhase) {
            phaseShownAt = shownId == j.id() ? System.nanoTime() : 0; // a row reused for another job: no guard
            shownId = j.id();
            shownPhase = j.phase();
        }
        state.setText(j.phase() == JobPhase.IN_PROGRESS && j.progress() >= 0
                ? label(j) + " \u00b7 " + percent(j) : label(j));
        state.setGraphic(Icons.of(icon(j.phase())));
        state.getStyleClass().removeAll("ok", "bad", "busy");
        state.getStyleClass().add(j.phase() == JobPhase.COMPLETED ? "ok" : j.phase().isTerminal() ? "bad" : "busy");
        String prompt = j.prompt() == null || j.prompt().isBlank() ? Messages.get("job.noPrompt") : j.prompt();
        title.setText(prompt);
        title.setTooltip(new Tooltip(prompt));
        boolean running = j.phase() == JobPhase.IN_PROGRESS || j.phase() == JobPhase.IN_QUEUE
                || j.phase() == JobPhase.SAVING;
        progress.setVisible(running);
        progress.setManaged(running);
        progress.setProgress(j.phase() == JobPhase.IN_QUEUE || j.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS
                : j.progress());
        progress.setTooltip(j.progressIsEstimate() ? new Tooltip(Messages.get("job.progress.estimate")) : null);
        timings.setText(timings(j));
        cost.setText(cost(j));
        String costNote = costNote(j);
        cost.setTooltip(costNote == null ? null : new Tooltip(costNote));
        timings.setTooltip(costNote == null ? null : new Tooltip(costNote));
        String err = j.error() != null ? Messages.get(j.error()) : note(j, Instant.now());
        // an error is red; a note (retrying, "2 images, identical: kept 1.") is said in the muted tone
        error.getStyleClass().removeAll("job-error", "job-note");
        error.getStyleClass().add(j.error() != null ? "job-error" : "job-note");
        error.setText(err);
        error.setVisible(err != null);
        error.setManaged(err != null);
        error.setTooltip(j.errorDetail() == null ? null : new Tooltip(j.errorDetail()));
        cancel.setVisible(!j.phase().isTerminal());
        cancel.setManaged(cancel.isVisible());
        // a request failed and waits to be tried again (offline, say): it can be tried at once
        tryNow.setVisible(!j.phase().isTerminal() && j.live().retryAt() != null && !j.outcome().cancelRequested());
        tryNow.setManaged(tryNow.isVisible());
        retry.setVisible(j.phase().isTerminal() && j.phase() != JobPhase.COMPLETED);
        retry.setManaged(retry.isVisible());
        retry.setText(j.retryFetchesResult() ? Messages.get("queue.fetchResult") : Messages.get("queue.sendAgain"));
        retry.getTooltip().setText(j.retryFetchesResult()
                ? Messages.get("job.fetchAgain.tooltip")
                : Messages.get("queue.sendThisJobAgain"));
        newSeed.setVisible(j.phase().isTerminal() && j.seed() != null);
        newSeed.setManaged(newSeed.isVisible());
        endActions.setVisible(retry.isVisible() || newSeed.isVisible());
        endActions.setManaged(endActions.isVisible());
        setGraphic(box);
        setText(null);
    }

    /** The row's note; a request waiting to be tried again says when, which attempt, and what went wrong. */
    static String note(Job j, Instant now) {
        if (j.live().retryAt() != null && !j.phase().isTerminal()) {
            long s = Math.max(0, (Duration.between(now, j.live().retryAt()).toMillis() + 999) / 1000);
            String retrying = Messages.get("job.retrying", s, j.live().attempt() + 1);
            return j.note() == null ? retrying : retrying + " — " + Messages.get(j.note());
        }
        return Messages.get(j.note());
    }

    /** "45 %", or "≈ 45 %" when estimated from earlier run times. */
    static String percent(Job j) {
        long p = Math.round(j.progress() * 100);
        return j.progressIsEstimate() ? "\u2248 " + p + " %" : p + " %";
    }

    static String label(Job j) {
        return switch (j.phase()) {
            case PENDING -> Messages.get("job.pending");
            case SUBMITTING -> Messages.get("job.submitting");
            case IN_QUEUE -> j.coldStart() ? Messages.get("job.inQueue.coldStart") : Messages.get("job.inQueue");
            case IN_PROGRESS -> Messages.get("job.running",
                    clock(j.started() == null ? null : Duration.between(j.started(), Instant.now())));
            case SAVING -> Messages.get("job.saving");
            case COMPLETED -> Messages.get("job.completed");
            case FAILED -> Messages.get("job.failed");
            case CANCELLED -> Messages.get("job.cancelled");
            case TIMED_OUT -> Messages.get("job.timedOut");
            case EXPIRED -> Messages.get("job.expired");
            case SUBMISSION_UNKNOWN -> Messages.get("job.submissionUnknown");
        };
    }

    private static Feather icon(JobPhase p) {
        return switch (p) {
            case COMPLETED -> Feather.CHECK_CIRCLE;
            case FAILED, TIMED_OUT, EXPIRED -> Feather.ALERT_CIRCLE;
            case CANCELLED -> Feather.SLASH;
            case SUBMISSION_UNKNOWN -> Feather.HELP_CIRCLE;
            case IN_PROGRESS, SAVING -> Feather.LOADER;
            default -> Feather.CLOCK;
        };
    }

    static String timings(Job j) {
        List<String> parts = new ArrayList<>();
        if (j.seed() != null) {
            parts.add(Messages.get("job.seed", String.valueOf(j.seed())));
        }
        if (j.delay() != null) {
            parts.add(Messages.get("job.queueTime", seconds(j.delay())));
        }
        if (j.execution() != null) {
            parts.add(Messages.get("job.runTime", seconds(j.execution())));
        }
        // a line breaks only between the parts: "run 0.5 s" never ends one line and starts the next
        return String.join(" · ", parts.stream().map(p -> p.replace(' ', '\u00a0')).toList());
    }

    /** The row's cost, shown next to its state: "≈ $0.0017", or nothing when it cost nothing (yet). */
    static String cost(Job j) {
        return j.cost() > 0 ? String.format(Locale.ROOT, "≈ $%.4f", j.cost()) : "";
    }

    /** How the row's cost is reckoned, and why the bill is higher; null when there is no cost to explain. */
    static String costNote(Job j) {
        if (j.execution() == null) {
            return null;
        }
        if (j.pricePerSecond() == 0) {
            return j.about().retryOf() != null ? Messages.get("job.cost.fetchedAgain")
                    : Messages.get("queue.noPricePerSecond");
        }
        return Messages.get("job.cost.reckoned", String.format(Locale.ROOT, "%.1f", j.execution().toMillis() / 1000.0),
                String.format(Locale.ROOT, "%.5f", j.pricePerSecond()));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String clock(Duration d) {
        if (d == null || d.isNegative()) {
            return "";
        }
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
