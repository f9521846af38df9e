package dev.easel.ui.sweep;

import com.fasterxml.jackson.databind.node.LongNode;
import dev.easel.api.HealthResponse;
import dev.easel.api.RunpodClient;
import dev.easel.io.Futures;
import dev.easel.jobs.JobQueue;
import dev.easel.settings.EndpointProfile;
import dev.easel.jobs.SweepPlanner;
import dev.easel.jobs.SweepRun;
import dev.easel.jobs.Sweeps;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.DynamicPrompt;
import dev.easel.workflow.ParameterBinder;
import dev.easel.workflow.PromptList;
import dev.easel.workflow.Parameter;
import dev.easel.workflow.Sweep;
import dev.easel.workflow.Workflow;
import dev.easel.workflow.WorkflowException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The sweep dialog: up to three axes, each a kind and its values, over a base graph (the studio's, or a sweep's to
 * extend or run again); what it would send (jobs, time on the workers up now, cost, the budget) said as the axes
 * are typed; Send journals the sweep and queues its cells.
 */
public final class SweepModel {

    /** One axis row: its kind and its values as typed. */
    public static final class Row {
        private final ObjectProperty<SweepKind> kind = new SimpleObjectProperty<>(SweepKind.NONE);
        private final StringProperty values = new SimpleStringProperty("");

        public ObjectProperty<SweepKind> kindProperty() {
            return kind;
        }

        public StringProperty valuesProperty() {
            return values;
        }

        /** "steps=10,20,30", or null when the row is empty. */
        String written() {
            SweepKind k = kind.get();
            String v = values.get() == null ? "" : values.get().strip();
            return k == null || k == SweepKind.NONE || v.isEmpty() ? null : k.key() + "=" + v;
        }
    }

    /**
     * Makes the cells' jobs with the studio's template, input images and priority as they are when Send is pressed
     * (taken on the FX thread); {@code forBase} reads the images, off it.
     */
    @FunctionalInterface
    public interface CellJobs {
        SweepPlanner.CellSpec forBase(Bindings b) throws IOException;
    }

    private final JobQueue queue;
    private final Sweeps sweeps;
    private final Supplier<CellJobs> jobs;
    private final DynamicPrompt.Lists lists;
    private final IntSupplier workersNow;
    private final Executor io;
    private final Executor fx;
    private final List<Row> rows = List.of(new Row(), new Row(), new Row());
    private final SweepGridModel grid;
    private final ObservableList<SweepKind> kinds = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper cells = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper workers = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper askFirst = new ReadOnlyBooleanWrapper();
    private final IntSupplier confirmOver;
    private Workflow base;
    private Bindings bindings;
    private Map<String, Long> earlier = Map.of();
    private SweepShareModel share = new SweepShareModel(List.of());

    /**
     * @param workersNow how many workers are up now (idle or running), asked off the FX thread; negative: unknown
     */
    public SweepModel(JobQueue queue, Sweeps sweeps, Supplier<CellJobs> jobs, DynamicPrompt.Lists lists,
                      IntSupplier confirmOver, IntSupplier workersNow, Executor io, Executor fx) {
        this.confirmOver = confirmOver;
        this.queue = queue;
        this.sweeps = sweeps;
        this.jobs = jobs;
        this.lists = lists;
        this.workersNow = workersNow;
        this.io = io;
        this.fx = fx;
        this.grid = new SweepGridModel(queue, sweeps, io, fx);
        for (Row r : rows) {
            r.kindProperty().addListener((o, was, now) -> recompute());
            r.valuesProperty().addListener((o, was, now) -> recompute());
        }
    }

    /** The model with the workers {@code client}'s /health says are up (idle or running; -1 when it can't tell). */
    public static SweepModel of(JobQueue queue, Sweeps sweeps, Supplier<CellJobs> jobs, DynamicPrompt.Lists lists,
                                IntSupplier confirmOver, RunpodClient client, List<EndpointProfile> shareable,
                                Executor io, Executor fx) {
        return new SweepModel(queue, sweeps, jobs, lists, confirmOver, () -> {
            try {
                HealthResponse h = client.health();
                return (int) Math.min(Integer.MAX_VALUE, h.idleWorkers() + h.runningWorkers());
            } catch (RuntimeException e) {
                return -1; // the estimate leaves the time out rather than guessing it
            }
        }, io, fx).sharingWith(new SweepShareModel(shareable));
    }

    /** The sweep a grid picture of the library shows, read off the FX thread; completes on it. */
    public CompletableFuture<Optional<SweepRun>> sweepOfGrid(long imageId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sweeps.ofGrid(imageId);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((r, e) -> { }, fx);
    }

    /** The grid window's model, over the same queue and sweeps. */
    public SweepGridModel grid() {
        return grid;
    }

    /** A new sweep over {@code base} (the studio's graph): the rows typed last time stay where they still apply. */
    public void forGraph(Workflow graph) {
        use(graph, Map.of(), Messages.get("sweep.title.new"));
        for (Row r : rows) {
            if (!kinds.contains(r.kindProperty().get())) {
                r.kindProperty().set(SweepKind.NONE);
            }
        }
        recompute();
    }

    /**
     * A sweep to extend (add a value to an axis): its graph and axes, and its completed cells, which are not sent
     * again. Reads the journal: the returned future completes on the FX thread.
     */
    public CompletableFuture<Void> forExtending(SweepRun run) throws WorkflowException {
        Workflow graph = graphOf(run);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sweeps.completedCells(run.id());
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, io).thenAcceptAsync(done -> {
            use(graph, done, Messages.get("sweep.title.extend", run.title()));
            fill(run.spec());
        }, fx);
    }

    /** The same sweep again with a new seed for its graph: every cell is sent again. */
    public void forRerun(SweepRun run) throws WorkflowException {
        Workflow graph = graphOf(run);
        Bindings b = ParameterBinder.bind(graph);
        if (b.has(Parameter.SEED)) {
            graph = b.set(graph, Parameter.SEED, LongNode.valueOf(
                    ThreadLocalRandom.current().nextLong(1L << 50)));
        }
        use(graph, Map.of(), Messages.get("sweep.title.rerun", run.title()));
        fill(run.spec());
    }

    private static Workflow graphOf(SweepRun run) throws WorkflowException {
        if (run.base() == null) {
            throw new WorkflowException(Text.of("sweep.noGraph"));
        }
        return Workflow.of(run.base());
    }

    private void use(Workflow graph, Map<String, Long> done, String heading) {
        base = graph;
        bindings = ParameterBinder.bind(graph);
        earlier = Map.copyOf(done);
        title.set(heading);
        List<SweepKind> offered = new ArrayList<>();
        for (SweepKind k : SweepKind.values()) {
            if (k.needs() == null || bindings.has(k.needs())) {
                offered.add(k);
            }
        }
        kinds.setAll(offered);
    }

    private void fill(List<String> spec) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String w = i < spec.size() ? spec.get(i) : "";
            int eq = w.indexOf('=');
            r.kindProperty().set(eq > 0 ? SweepKind.ofKey(w.substring(0, eq)) : SweepKind.NONE);
            r.valuesProperty().set(eq > 0 ? w.substring(eq + 1) : "");
        }
        recompute();
    }

    /**
     * Fills {@code row} with the prompts of a text or CSV file (read off the FX thread) as a prompt list: one job per
     * prompt. A file that can't be read is said in problem and changes nothing.
     */
    public CompletableFuture<Void> promptsFrom(Path file, Row row) {
        boolean rows = row.kindProperty().get() == SweepKind.ROWS;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return rows ? PromptList.rowsSpec(PromptList.rows(file)).substring("rows=".length())
                        : String.join(" | ", PromptList.read(file).stream().map(PromptList::escapeBars).toList());
            } catch (WorkflowException e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((values, e) -> {
            if (e != null) {
                problem.set(Messages.of(Futures.unwrap(e)));
            } else {
                row.kindProperty().set(rows ? SweepKind.ROWS : SweepKind.PROMPTS);
                row.valuesProperty().set(values);
            }
            return null;
        }, fx);
    }

    /** Asks how many workers are up, off the FX thread, and says the estimate again with them. */
    public CompletableFuture<Void> refreshWorkers() {
        return CompletableFuture.supplyAsync(workersNow::getAsInt, io).thenAcceptAsync(n -> {
            workers.set(n);
            recompute();
        }, fx);
    }

    /** The axes as written, X first; empty rows left out. */
    public List<String> written() {
        return rows.stream().map(Row::written).filter(w -> w != null).toList();
    }

    private void recompute() {
        if (base == null) {
            return;
        }
        List<String> w = written();
        if (w.isEmpty()) {
            cells.set(0);
            count.set(0);
            askFirst.set(false);
            problem.set(null);
            summary.set(Messages.get("sweep.noAxes"));
            return;
        }
        try {
            int n = SweepPlanner.count(base, bindings, w); // reads every value: a mistake is said now, not at Send
            if (n > Sweep.MAX_CELLS) {
                throw new WorkflowException(Text.of("workflow.sweep.tooManyCells", n, Sweep.MAX_CELLS));
            }
            // extending: the cells an earlier run completed are not sent again, nor counted or paid for
            int done = earlier.isEmpty() ? 0
                    : SweepPlanner.draft(base, bindings, w, lists, wf -> null, earlier).reuse().size();
            cells.set(n);
            count.set(n - done);
            problem.set(null);
            summary.set(SweepEstimateModel.say(queue.spending(), n - done, done, workers.get())
                    + (askFirst(n - done) ? " " + Messages.get("sweep.clickToSend") : ""));
            askFirst.set(askFirst(n - done));
        } catch (WorkflowException e) {
            cells.set(0);
            count.set(0);
            askFirst.set(false);
            problem.set(Messages.of(e));
            summary.set("");
        }
    }

    /**
     * Builds the cells (their dynamic prompts expanded, input images read) and journals and queues them, off the FX
     * thread. Completes on the FX thread with the sweep sent, or empty when it was refused (said in problem).
     */
    public CompletableFuture<Optional<SweepRun>> send() {
        List<String> w = written();
        if (w.isEmpty() || cells.get() == 0 || problem.get() != null || busy.get()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        busy.set(true);
        Workflow graph = base;
        Bindings b = bindings;
        Map<String, Long> done = earlier;
        CellJobs cellJobs = jobs.get();
        List<String> sharedWith = share.chosen();
        return CompletableFuture.supplyAsync(() -> {
            try {
                Sweeps.Draft d = SweepPlanner.draft(graph, b, w, lists, cellJobs.forBase(b), done);
                return sweeps.submit(d.sharedWith(sharedWith));
            } catch (WorkflowException | IOException | SQLException e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((run, e) -> {
            busy.set(false);
            if (e != null) {
                problem.set(Messages.get("sweep.notSent", Messages.of(Futures.unwrap(e))));
                return Optional.<SweepRun>empty();
            }
            return Optional.of(run);
        }, fx);
    }

    /** The other endpoints the sweep may share its cells with. */
    public SweepShareModel share() {
        return share;
    }

    /** Offers these other endpoints (the user's other profiles) to share the cells with. */
    public SweepModel sharingWith(SweepShareModel s) {
        share = s;
        return this;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The kinds this graph can sweep over (a graph without a sampler has no sampler axis). */
    public ObservableList<SweepKind> kinds() {
        return kinds;
    }

    /** The cells of the sweep as typed (0 while it can't be read). */
    public ReadOnlyIntegerProperty cellsProperty() {
        return cells.getReadOnlyProperty();
    }

    /** The jobs Send would send: the cells less those an extended sweep has done already. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What is wrong with the axes as typed, or why the sweep was not sent; null when nothing is. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "New sweep", "Extend …", "Run … again". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Whether the sweep sends more jobs than Settings asks about first: then Enter does not send it, a click does. */
    public ReadOnlyBooleanProperty askFirstProperty() {
        return askFirst.getReadOnlyProperty();
    }

    private boolean askFirst(int jobs) {
        int over = confirmOver.getAsInt();
        return over > 0 && jobs > over;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
