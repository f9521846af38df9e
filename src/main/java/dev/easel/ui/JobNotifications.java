package dev.easel.ui;

import dev.easel.io.DesktopNotifier;
import dev.easel.io.Futures;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.text.Messages;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * When jobs end while Easel's window is not in front, the desktop says so: one notification for the jobs that end
 * close together ("3 pictures are done"), not one each. Where the desktop has no way, the studio says it when the
 * user comes back. A job the user cancelled is not news.
 */
public final class JobNotifications {

    /** Jobs ending within this time of each other are told as one. */
    static final Duration GATHER = Duration.millis(1500);

    /** What a notification says. */
    record Note(String title, String body) { }

    private final DesktopNotifier desktop;
    private final Executor io;
    private final Executor fx;
    private final BooleanSupplier wanted;
    private final Consumer<String> inApp;
    private final List<Job> gathered = new ArrayList<>();
    private final PauseTransition later = new PauseTransition(GATHER);

    /**
     * @param wanted whether to notify now: the setting is on and the window is not focused
     * @param inApp  says it in the studio when the desktop can't
     */
    public JobNotifications(DesktopNotifier desktop, Executor io, Executor fx, BooleanSupplier wanted,
                            Consumer<String> inApp) {
        this.desktop = desktop;
        this.io = io;
        this.fx = fx;
        this.wanted = wanted;
        this.inApp = inApp;
        later.setOnFinished(e -> send());
    }

    /** A job ended (on the FX thread). */
    public void ended(Job j) {
        if (j.phase() == JobPhase.CANCELLED || !wanted.getAsBoolean()) {
            return;
        }
        gathered.add(j);
        later.playFromStart();
    }

    private void send() {
        Note note = note(List.copyOf(gathered));
        gathered.clear();
        if (note == null) {
            return;
        }
        Futures.detach(CompletableFuture.supplyAsync(() -> desktop.show(note.title(), note.body()), io)
                .exceptionally(e -> false)
                .thenAcceptAsync(shown -> {
                    if (!shown) {
                        inApp.accept(note.title() + (note.body().isEmpty() ? "" : ": " + note.body()));
                    }
                }, fx), "a notification");
    }

    /** What to say of jobs that ended together; null for none. */
    static Note note(List<Job> ended) {
        if (ended.isEmpty()) {
            return null;
        }
        long done = ended.stream().filter(j -> j.phase() == JobPhase.COMPLETED).count();
        long pictures = ended.stream().filter(j -> j.phase() == JobPhase.COMPLETED)
                .mapToLong(j -> Math.max(1, j.files().size())).sum();
        long failed = ended.size() - done;
        String title = failed == 0 ? Messages.get("notify.done", pictures)
                : done == 0 ? Messages.get("notify.failed", failed)
                : Messages.get("notify.mixed", pictures, failed);
        Job first = ended.stream().filter(j -> j.phase() != JobPhase.COMPLETED).findFirst().orElse(ended.getFirst());
        String body = first.phase() != JobPhase.COMPLETED && first.error() != null ? Messages.get(first.error())
                : first.prompt() == null ? "" : first.prompt();
        return new Note(title, body.length() > 200 ? body.substring(0, 199) + "…" : body);
    }
}
