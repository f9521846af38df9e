package dev.easel.ui.sweep;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.SweepRun;
import dev.easel.jobs.Sweeps;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/** The sweeps on their way, for the tiles above the gallery: each with how many of its cells have ended. */
public final class SweepRunsModel {

    /** A sweep not ended, and how far it is. */
    public record Running(SweepRun run, int done, int total) { }

    private final Sweeps sweeps;
    private final ObservableList<Running> running = FXCollections.observableArrayList();
    private final Set<String> ended = new HashSet<>();
    private Runnable onEnded = () -> { };

    SweepRunsModel(JobQueue queue, Sweeps sweeps, Executor fx) {
        this.sweeps = sweeps;
        queue.addListener(jobs -> fx.execute(() -> update(sweeps.runs(), jobs)));
        // the sweeps as they were at the change: a sweep sent shows its tile even when it ends a moment later
        sweeps.addListener(all -> fx.execute(() -> {
            update(all, queue.jobs());
            if (all.stream().anyMatch(r -> r.isEnded() && ended.add(r.id()))) {
                onEnded.run();
            }
        }));
        fx.execute(() -> update(sweeps.runs(), queue.jobs()));
    }

    private void update(List<SweepRun> runs, List<Job> jobs) {
        Map<Long, Job> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));
        List<Running> now = runs.stream().filter(r -> !r.isEnded()).map(r -> new Running(r,
                (int) r.cells().stream().filter(c -> byId.get(c) == null || byId.get(c).phase().isTerminal()).count(),
                r.cells().size())).toList();
        if (!now.equals(running)) {
            running.setAll(now);
        }
    }

    /** What to do when a sweep of this session ends (its grid picture is saved by then), on the FX thread. */
    public void setOnEnded(Runnable action) {
        this.onEnded = action;
    }

    /** The sweeps not ended, oldest first. */
    public ObservableList<Running> running() {
        return running;
    }
}
