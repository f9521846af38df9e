package dev.easel.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.easel.io.Futures;
import dev.easel.library.Artwork;
import dev.easel.library.GridPicture;
import dev.easel.library.LibraryException;
import dev.easel.library.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The sweeps of the queue's endpoint: each is sent as ordinary jobs (journaled together with the sweep before any is
 * sent), cancelled together, and when every cell has ended its grid picture is drawn and saved to the library. After
 * a restart the sweeps that had not ended are taken up again; one whose cells all ended while Easel was closed gets
 * its grid then.
 */
public final class Sweeps {

    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

    /**
     * A sweep to send.
     *
     * @param cells the spec of each cell, in cell order (X fastest); null for a cell that reuses a job
     * @param reuse the job an earlier sweep already has for a cell (extending a sweep), by cell
     * @param sharedWith the other endpoints (ids) its cells may go to; empty: only the queue's own
     */
    public record Draft(String title, List<SweepRun.Axis> axes, List<String> spec, ObjectNode base,
                        List<JobSpec> cells, Map<Integer, Long> reuse, List<String> sharedWith) {
        public Draft {
            axes = List.copyOf(axes);
            spec = List.copyOf(spec);
            cells = new ArrayList<>(cells); // nulls allowed
            reuse = Map.copyOf(reuse);
            sharedWith = List.copyOf(sharedWith);
        }

        public Draft(String title, List<SweepRun.Axis> axes, List<String> spec, ObjectNode base, List<JobSpec> cells,
                     Map<Integer, Long> reuse) {
            this(title, axes, spec, base, cells, reuse, List.of());
        }

        /** The same sweep, its cells shared with these other endpoints. */
        public Draft sharedWith(List<String> endpointIds) {
            return new Draft(title, axes, spec, base, cells, reuse, endpointIds);
        }
    }

    private final JobQueue queue;
    /** Every queue whose jobs may be cells: the studio's first, then the other endpoints' a shared sweep uses. */
    private final List<JobQueue> queues = new CopyOnWriteArrayList<>();
    private volatile SweepFanout fanout;
    private final SweepJournal journal;
    private final ResultStore results;
    private final Executor io;
    private final Clock clock;
    private final Map<String, SweepRun> runs = new LinkedHashMap<>();
    private final Set<String> finishing = new HashSet<>();
    private final List<Consumer<List<SweepRun>>> listeners = new CopyOnWriteArrayList<>();

    public Sweeps(JobQueue queue, SweepJournal journal, ResultStore results, Executor io, Clock clock) {
        this.queue = queue;
        this.journal = journal;
        this.results = results;
        this.io = io;
        this.clock = clock;
        watch(queue);
    }

    /** Lets sweeps share their cells with other endpoints (routed by {@code f}); the sweeps look at its queues too. */
    public void shareWith(SweepFanout f) {
        fanout = f;
        f.queues().forEach(this::watch);
    }

    private void watch(JobQueue q) {
        synchronized (queues) {
            if (queues.contains(q)) {
                return;
            }
            queues.add(q);
        }
        q.addListener(jobs -> check(allJobs()));
    }

    /** Every queue's jobs. */
    private List<Job> allJobs() {
        if (fanout != null) {
            fanout.queues().forEach(this::watch); // a queue made since
        }
        List<Job> all = new ArrayList<>();
        queues.forEach(q -> all.addAll(q.jobs()));
        return all;
    }

    /** Takes up the endpoint's sweeps that had not ended. Call after the queue has started, off the FX thread. */
    public void start() throws SQLException {
        List<SweepRun> open = new ArrayList<>();
        for (JobQueue q : fanout == null ? List.of(queue) : fanout.queues()) {
            open.addAll(journal.unended(q.endpoint.endpointId()));
        }
        synchronized (this) {
            open.forEach(r -> runs.putIfAbsent(r.id(), r));
        }
        changed();
        check(allJobs());
    }

    /** Receives every sweep known this session, oldest first, when one is sent or ends. */
    public void addListener(Consumer<List<SweepRun>> listener) {
        listeners.add(listener);
    }

    public synchronized List<SweepRun> runs() {
        return List.copyOf(runs.values());
    }

    /** A sweep of this session, else from the journal (an older one, opened from its grid picture). */
    public Optional<SweepRun> find(String id) throws SQLException {
        synchronized (this) {
            SweepRun r = runs.get(id);
            if (r != null) {
                return Optional.of(r);
            }
        }
        return journal.get(id);
    }

    /** The sweep whose grid picture is library image {@code imageId} (any endpoint's). Reads the journal. */
    public Optional<SweepRun> ofGrid(long imageId) throws SQLException {
        return journal.ofGrid(imageId);
    }

    /** The sweep's completed cells by the graph each sent: an extended sweep reuses them. Reads the journal. */
    public Map<String, Long> completedCells(String id) throws SQLException {
        return journal.completedCells(id);
    }

    /** Journals the sweep and its cells' jobs in one go, then queues them. Blocks on the journal: off the FX thread. */
    public SweepRun submit(Draft d) throws SQLException {
        String id = UUID.randomUUID().toString().substring(0, 13);
        SweepFanout f = fanout;
        if (!d.sharedWith().isEmpty() && f == null) {
            d = d.sharedWith(List.of()); // nothing routes them: every cell goes to the studio's endpoint
        }
        SweepJournal.Inserted in = journal.insert(d, id, queue.endpoint, clock.instant());
        synchronized (this) {
            runs.put(id, in.run());
        }
        if (in.run().isShared()) {
            f.adopt(in.run(), in.jobs().stream().map(Job::id).toList()); // held before the queue sees them
            f.queues().forEach(this::watch);
        }
        for (int i = 0; i < in.jobs().size(); i++) {
            queue.track(in.jobs().get(i), in.specs().get(i));
        }
        changed();
        if (in.jobs().isEmpty()) {
            check(allJobs()); // every cell reused: the grid can be drawn now
        }
        return in.run();
    }

    /** Cancels every cell of the sweep that has not ended; the cells already done stay and make its grid. */
    public CompletableFuture<Void> cancel(String id) {
        SweepRun r;
        synchronized (this) {
            r = runs.get(id);
        }
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        SweepFanout f = fanout;
        if (f != null) {
            f.stop(id); // no cell moves from now on, so each is cancelled in the queue it is in
        }
        Set<Long> cells = new HashSet<>(r.cells());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (JobQueue q : List.copyOf(queues)) {
            for (Job j : q.jobs()) {
                if (cells.contains(j.id()) && !j.phase().isTerminal()) {
                    all.add(q.cancel(j.id()));
                }
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /**
     * The job of each cell, in cell order: the queue's, else the journal's (a sweep of an earlier session); null for a
     * cell whose job is gone. May read the journal: off the FX thread.
     */
    public List<Job> cellJobs(SweepRun r) {
        return jobsOf(r, byId(allJobs()));
    }

    /**
     * The job of each of the sweep's cells, in cell order: from {@code live}, else read from the journal in one query;
     * null for a cell whose job is gone or can't be read (it is shown without a picture).
     */
    private List<Job> jobsOf(SweepRun r, Map<Long, Job> live) {
        Map<Long, Job> all = new HashMap<>(live);
        List<Long> missing = r.cells().stream().filter(id -> !all.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            try {
                all.putAll(journal.jobs(missing));
            } catch (SQLException e) {
                log.warn("sweep {}: its cells' jobs could not be read", r.id(), e);
            }
        }
        List<Job> out = new ArrayList<>();
        for (long id : r.cells()) {
            out.add(all.get(id));
        }
        return out;
    }

    private static Map<Long, Job> byId(List<Job> jobs) {
        Map<Long, Job> m = new HashMap<>();
        jobs.forEach(j -> m.put(j.id(), j));
        return m;
    }

    /** On every change in the queue: a sweep whose cells have all ended gets its grid, on an I/O thread. */
    private void check(List<Job> jobs) {
        Map<Long, Job> live = byId(jobs);
        List<SweepRun> ready = new ArrayList<>();
        synchronized (this) {
            for (SweepRun r : runs.values()) {
                if (!r.isEnded() && !finishing.contains(r.id()) && r.cells().stream()
                        .allMatch(c -> live.get(c) == null || live.get(c).phase().isTerminal())) {
                    finishing.add(r.id());
                    ready.add(r);
                }
            }
        }
        for (SweepRun r : ready) {
            Futures.detach(CompletableFuture.runAsync(() -> finish(r, live), io), "the grid of sweep " + r.id());
        }
    }

    private void finish(SweepRun r, Map<Long, Job> live) {
        try {
            List<GridPicture.Cell> cells = new ArrayList<>();
            boolean any = false;
            for (Job j : jobsOf(r, live)) {
                if (j != null && !j.phase().isTerminal()) {
                    // not in this queue's snapshot (cleared, say) and not ended: look again at the next change
                    synchronized (this) {
                        finishing.remove(r.id());
                    }
                    return;
                }
                Path file = j == null || j.files().isEmpty() ? null : j.files().getFirst();
                any |= file != null;
                cells.add(new GridPicture.Cell(file, j == null ? null : j.runpodId(), j == null ? null : j.seed(),
                        j == null ? "MISSING" : j.phase().name()));
            }
            SweepRun ended;
            if (any) {
                List<GridPicture.Axis> axes = r.axes().stream().map(a -> new GridPicture.Axis(a.name(), a.labels()))
                        .toList();
                Artwork grid = results.saveGrid(new GridPicture.Grid(r.id(), r.title(), queue.endpointName(), axes,
                        cells, clock.instant()));
                journal.end(r.id(), grid.file(), grid.id(), clock.instant());
                ended = r.ended(grid.file(), grid.id(), clock.instant());
                log.info("sweep {}: grid of {} cells saved as {}", r.id(), cells.size(), grid.file().getFileName());
            } else {
                journal.end(r.id(), null, null, clock.instant());
                ended = r.ended(null, null, clock.instant());
                log.info("sweep {}: no cell gave a picture; no grid", r.id());
            }
            synchronized (this) {
                runs.put(r.id(), ended);
                finishing.remove(r.id());
            }
            changed();
        } catch (SQLException | LibraryException | RuntimeException e) {
            // the cells are saved one by one whatever happens; the grid is tried again at the next start
            log.warn("sweep {}: the grid could not be saved", r.id(), e);
        }
    }

    private void changed() {
        List<SweepRun> now = runs();
        listeners.forEach(l -> l.accept(now));
    }
}
