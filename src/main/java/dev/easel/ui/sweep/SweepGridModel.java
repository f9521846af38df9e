package dev.easel.ui.sweep;

import dev.easel.io.AtomicFiles;
import dev.easel.io.Futures;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.SweepRun;
import dev.easel.jobs.Sweeps;
import dev.easel.text.Messages;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A sweep's grid window: its cells live from the queue (each one's state, progress and picture), the Z axis as pages,
 * the chosen cell's picture and values; Cancel sweep, export of the grid and its cells.
 */
public final class SweepGridModel {

    /**
     * One cell as the grid shows it.
     *
     * @param n      its place in the sweep (X fastest)
     * @param labels its value on each axis, X first
     * @param phase  its job's state; null when the job is gone
     * @param file   its picture, or null while it has none
     */
    public record Cell(int n, int x, int y, int z, List<String> labels, JobPhase phase, double progress, Path file,
                       Long seed, String runpodId, String error) {

        public boolean done() {
            return phase != null && phase.isTerminal();
        }
    }

    private final Sweeps sweeps;
    private final Executor io;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<SweepRun> run = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Cell> cells = FXCollections.observableArrayList();
    private final IntegerProperty page = new SimpleIntegerProperty();
    private final ObjectProperty<Cell> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private long generation;
    private final SweepRunsModel runs;

    public SweepGridModel(JobQueue queue, Sweeps sweeps, Executor io, Executor fx) {
        this.sweeps = sweeps;
        this.io = io;
        this.fx = fx;
        this.runs = new SweepRunsModel(queue, sweeps, fx);
        queue.addListener(jobs -> fx.execute(this::refresh));
        sweeps.addListener(all -> fx.execute(() -> {
            SweepRun now = run.get();
            if (now != null) {
                all.stream().filter(r -> r.id().equals(now.id())).findFirst().ifPresent(r -> {
                    run.set(r);
                    refresh();
                });
            }
        }));
    }

    /** Shows {@code r} (null: nothing): its cells are read (from the queue, else the journal) off the FX thread. */
    public void show(SweepRun r) {
        run.set(r);
        page.set(0);
        selected.set(null);
        message.set(null);
        cells.clear();
        refresh();
    }

    /** Reads the cells' jobs again (off the FX thread) and shows them. */
    void refresh() {
        SweepRun r = run.get();
        if (r == null) {
            return;
        }
        long asked = ++generation;
        Futures.detach(CompletableFuture.supplyAsync(() -> sweeps.cellJobs(r), io).thenAcceptAsync(jobs -> {
            if (asked == generation) {
                update(r, jobs);
            }
        }, fx), "reading a sweep's cells");
    }

    private void update(SweepRun r, List<Job> jobs) {
        List<Cell> now = new ArrayList<>();
        int done = 0;
        int failed = 0;
        for (int n = 0; n < jobs.size(); n++) {
            Job j = jobs.get(n);
            int[] at = r.place(n);
            Cell c = new Cell(n, at[0], at[1], at[2], r.labels(n), j == null ? null : j.phase(),
                    j == null ? -1 : j.progress(), j == null || j.files().isEmpty() ? null : j.files().getFirst(),
                    j == null ? null : j.seed(), j == null ? null : j.runpodId(),
                    j == null || j.error() == null ? null : Messages.get(j.error()));
            now.add(c);
            if (c.done()) {
                done++;
            }
            if (c.phase() != null && c.done() && c.phase() != JobPhase.COMPLETED) {
                failed++;
            }
        }
        cells.setAll(now);
        Cell sel = selected.get();
        if (sel != null && sel.n() < now.size()) {
            selected.set(now.get(sel.n()));
        }
        running.set(!r.isEnded() && done < now.size());
        String counts = Messages.get("sweep.grid.counts", done, now.size());
        if (failed > 0) {
            counts += " " + Messages.get("sweep.grid.failed", failed);
        }
        if (r.isEnded()) {
            counts += " " + (r.grid() != null ? Messages.get("sweep.grid.saved") : Messages.get("sweep.grid.none"));
        }
        summary.set(counts);
    }

    /** The cells of the page shown (the Z axis's value chosen), in order. */
    public List<Cell> pageCells() {
        int z = page.get();
        return cells.stream().filter(c -> c.z() == z).toList();
    }

    /** Cancels every cell not done; those done stay and make the grid. */
    public CompletableFuture<Void> cancel() {
        SweepRun r = run.get();
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        return sweeps.cancel(r.id()).whenCompleteAsync((ok, e) -> message.set(e == null
                ? Messages.get("sweep.grid.cancelled") : Messages.of(Futures.unwrap(e))), fx);
    }

    /**
     * Copies the grid picture (when saved) and every cell's picture into {@code folder}, off the FX thread; a file
     * of that name there already is not replaced.
     */
    public CompletableFuture<Integer> export(Path folder) {
        SweepRun r = run.get();
        List<Path> files = new ArrayList<>();
        if (r != null && r.grid() != null) {
            files.add(r.grid());
        }
        cells.stream().map(Cell::file).filter(f -> f != null).forEach(files::add);
        return CompletableFuture.supplyAsync(() -> {
            int copied = 0;
            try {
                Files.createDirectories(folder);
                for (Path f : files) {
                    Path to = folder.resolve(f.getFileName().toString());
                    if (Files.exists(to) || !Files.isRegularFile(f)) {
                        continue;
                    }
                    AtomicFiles.write(to, Files.readAllBytes(f));
                    copied++;
                }
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return copied;
        }, io).whenCompleteAsync((n, e) -> message.set(e != null
                ? Messages.get("sweep.grid.exportFailed", Messages.of(Futures.unwrap(e)))
                : Messages.get("sweep.grid.exported", n, folder.toString())), fx);
    }

    /** What the details pane says of a cell: its values, seed, state and job. */
    public static String describe(SweepRun r, Cell c) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.axes().size() && i < c.labels().size(); i++) {
            s.append(r.axes().get(i).name()).append(": ").append(c.labels().get(i)).append('\n');
        }
        if (c.seed() != null) {
            s.append(Messages.get("sweep.grid.seed", String.valueOf(c.seed()))).append('\n');
        }
        s.append(Messages.get("sweep.grid.state", state(c))).append('\n');
        if (c.runpodId() != null) {
            s.append(Messages.get("sweep.grid.job", c.runpodId())).append('\n');
        }
        if (c.error() != null) {
            s.append(c.error()).append('\n');
        }
        if (c.file() != null) {
            s.append(c.file().getFileName());
        }
        return s.toString().strip();
    }

    /** A cell's state in a word or two: "Queued", "Running 40 %", "Done", "Cancelled". */
    public static String state(Cell c) {
        if (c.phase() == null) {
            return Messages.get("sweep.cell.gone");
        }
        return switch (c.phase()) {
            case PENDING, SUBMITTING, IN_QUEUE -> Messages.get("sweep.cell.queued");
            case IN_PROGRESS -> c.progress() >= 0 ? Messages.get("sweep.cell.progress",
                    String.format(Locale.ROOT, "%.0f", c.progress() * 100)) : Messages.get("sweep.cell.running");
            case SAVING -> Messages.get("sweep.cell.saving");
            case COMPLETED -> Messages.get("sweep.cell.done");
            case CANCELLED -> Messages.get("sweep.cell.cancelled");
            case FAILED, TIMED_OUT, EXPIRED, SUBMISSION_UNKNOWN -> Messages.get("sweep.cell.failed");
        };
    }

    /** The sweeps on their way, for the tiles above the gallery. */
    public SweepRunsModel runs() {
        return runs;
    }

    public ReadOnlyObjectProperty<SweepRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ObservableList<Cell> cells() {
        return cells;
    }

    /** The Z axis's value shown (0 without a Z axis). */
    public IntegerProperty pageProperty() {
        return page;
    }

    public ObjectProperty<Cell> selectedProperty() {
        return selected;
    }

    /** "7 of 12 done. 1 did not give a picture." */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether cells are still on their way (Cancel sweep applies). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
