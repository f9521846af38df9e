package dev.easel.ui.endpoint;

import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointChange;
import dev.easel.api.EndpointWorkers;
import dev.easel.api.HealthResponse;
import dev.easel.api.RunpodException;
import dev.easel.io.Futures;
import dev.easel.jobs.EndpointCheck;
import dev.easel.jobs.KeepWarm;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The endpoint panel: the endpoint as its account shows it (workers by state with GPU and uptime, jobs in queue),
 * why jobs would wait with the one click that helps (restore max workers), "Keep warm", the doctor's findings and
 * the log of a starting worker. Refreshed on a timer while the studio runs (more often while the panel is open),
 * so the studio's status bar can say when Runpod scaled the endpoint down.
 */
public final class EndpointPanelModel implements AutoCloseable {

    /** One worker as the list shows it. */
    public record WorkerRow(String id, EndpointWorkers.State state, String gpu, String uptime, boolean stale) { }

    /** A doctor's line. */
    public record DoctorLine(EndpointCheck.Severity severity, String text) { }

    /** What one refresh found, read off the FX thread. */
    private record Snapshot(AccountEndpoint endpoint, EndpointWorkers workers, HealthResponse health,
                            Optional<EndpointCheck.Notice> notice, List<EndpointCheck.Finding> doctor,
                            Optional<KeepWarm.Warmth> warmth, Text warmEnded) { }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final OwnedEndpoint owned;
    private final Supplier<List<String>> endpointModels;
    private final Supplier<List<String>> neededModels;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor io;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<AccountEndpoint> endpoint = new ReadOnlyObjectWrapper<>();
    private final ObservableList<WorkerRow> workers = FXCollections.observableArrayList();
    private final ObservableList<DoctorLine> doctor = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper restoreTo = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<EndpointCheck.Trouble> trouble = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper warm = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper warmText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final WorkerLogModel log;
    private volatile boolean closed;
    /** The panel is open: refreshed every tick rather than every {@link #QUIET}. */
    private boolean watched;
    private Instant lastRefresh = Instant.MIN;
    private ScheduledExecutorService timer;

    /** How often the panel refreshes while open. */
    static final Duration TICK = Duration.ofSeconds(4);
    /** How often the endpoint is asked while the panel is closed (the status bar's notice, a warm spell's end). */
    static final Duration QUIET = Duration.ofSeconds(60);

    /**
     * @param endpointModels the checkpoints the endpoint reported having (read on the FX thread)
     * @param neededModels   the checkpoints the studio's template loads (read on the FX thread)
     */
    public EndpointPanelModel(OwnedEndpoint owned, Supplier<List<String>> endpointModels,
                              Supplier<List<String>> neededModels, Clock clock, ZoneId zone, Executor io, Executor fx) {
        this.owned = owned;
        this.endpointModels = endpointModels;
        this.neededModels = neededModels;
        this.clock = clock;
        this.zone = zone;
        this.io = io;
        this.fx = fx;
        this.log = new WorkerLogModel(owned, io, fx);
    }

    /** Refreshes now and then on a timer, until closed. */
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("endpoint-panel").factory());
        var unused = timer.scheduleWithFixedDelay(() -> fx.execute(this::tick), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the panel is open (refreshed every few seconds) or not (every minute). */
    public void setWatched(boolean open) {
        watched = open;
        if (open) {
            message.set(endpoint.get() == null ? Messages.get("panel.loading") : message.get());
            Futures.detach(refresh(), "refreshing the endpoint panel");
        } else {
            log.stop();
        }
    }

    private void tick() {
        // often while the panel is open or a notice shows (so it goes as soon as jobs move again), else now and then
        boolean often = watched || !notice.get().isEmpty();
        if (!busy.get() && (often || !clock.instant().isBefore(lastRefresh.plus(QUIET)))) {
            Futures.detach(refresh(), "refreshing the endpoint panel");
        }
    }

    /** Asks the account how the endpoint is now; a warm spell whose time is up is ended on the way. */
    public CompletableFuture<Void> refresh() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> has = endpointModels.get();
        List<String> needs = neededModels.get();
        lastRefresh = clock.instant();
        return CompletableFuture.supplyAsync(() -> read(has, needs), io).handleAsync((s, e) -> {
            if (e != null) {
                message.set(Messages.of(Futures.unwrap(e)));
                return null;
            }
            show(s);
            return null;
        }, fx);
    }

    private Snapshot read(List<String> has, List<String> needs) {
        try {
            Text ended = null;
            Optional<KeepWarm.Warmth> before = owned.warm().current();
            if (before.isPresent() && owned.warm().due()) {
                ended = KeepWarm.said(owned.warm().end(owned.account()), before.get());
            }
            AccountEndpoint e = owned.account().endpoint(owned.endpointId());
            EndpointWorkers w = owned.account().workers(owned.endpointId());
            HealthResponse h;
            try {
                h = owned.queue().health();
            } catch (RunpodException noHealth) {
                h = null; // the panel still shows the workers
            }
            int seen = owned.memory().maxSeen(owned.endpointId());
            owned.memory().saw(owned.endpointId(), e.workersMax());
            return new Snapshot(e, w, h, EndpointCheck.notice(e, w, h, seen),
                    EndpointCheck.doctor(e, w, has, needs, owned.pricePerSecond()), owned.warm().current(), ended);
        } catch (RunpodException e) {
            throw new CompletionException(e);
        }
    }

    private void show(Snapshot s) {
        AccountEndpoint e = s.endpoint();
        endpoint.set(e);
        details.set(Messages.get("panel.details", String.join(", ", e.gpuPools()), e.workersMin(), e.workersMax(),
                e.idleTimeout(), e.flashboot().equalsIgnoreCase("FLASHBOOT") ? Messages.get("panel.flashboot.on")
                        : Messages.get("panel.flashboot.off"), e.image().isEmpty() ? "\u2014" : e.image()));
        var w = s.workers();
        workers.setAll(w.workers().stream().map(x -> new WorkerRow(x.id(), x.state(),
                x.gpuTypeId() == null || x.gpuTypeId().isEmpty() ? "" : x.gpuTypeId(),
                x.uptimeSeconds() < 0 ? "" : uptime(x.uptimeSeconds()), x.stale())).toList());
        var h = s.health();
        counts.set(Messages.get("panel.counts", w.count(EndpointWorkers.State.RUNNING),
                w.count(EndpointWorkers.State.IDLE), w.count(EndpointWorkers.State.INITIALIZING),
                w.count(EndpointWorkers.State.THROTTLED), w.count(EndpointWorkers.State.UNHEALTHY))
                + (h == null ? "" : "  \u00b7  " + Messages.get("panel.jobs", h.inQueue(), h.inProgress())));
        notice.set(s.notice().map(n -> Messages.get(n.said())).orElse(""));
        restoreTo.set(s.notice().map(EndpointCheck.Notice::restoreTo).orElse(0));
        trouble.set(s.notice().map(EndpointCheck.Notice::trouble).orElse(null));
        doctor.setAll(s.doctor().stream().map(f -> new DoctorLine(f.severity(), Messages.get(f.said()))).toList());
        showWarmth(s.warmth());
        if (s.warmEnded() != null) {
            message.set(Messages.get(s.warmEnded()));
        } else if (message.get().equals(Messages.get("panel.loading"))) {
            message.set("");
        }
        if (watched) {
            log.follow(w);
        }
    }

    private void showWarmth(Optional<KeepWarm.Warmth> w) {
        warm.set(w.isPresent());
        warmText.set(w.map(x -> Messages.get("panel.warm.on", x.extraWorkers(), CLOCK.format(x.until().atZone(zone)),
                String.format(Locale.ROOT, "%.3f", x.costPerMinute(owned.pricePerSecond())),
                Math.max(0, Duration.between(clock.instant(), x.until()).toMinutes()))).orElse(""));
    }

    static String uptime(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? seconds / 60 + " min"
                : String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /** Gives the endpoint back the max workers the notice names, in one click. */
    public CompletableFuture<Void> restoreMax() {
        int to = restoreTo.get();
        if (to <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return act(() -> {
            owned.account().update(owned.endpointId(), EndpointChange.workers(null, to));
            owned.memory().chose(owned.endpointId(), to);
            return Text.of("panel.restored", to);
        });
    }

    /** The lowered max was the user's choice: the notice is not shown again for it. */
    public CompletableFuture<Void> keepMax() {
        AccountEndpoint e = endpoint.get();
        if (e == null) {
            return CompletableFuture.completedFuture(null);
        }
        return act(() -> {
            owned.memory().chose(owned.endpointId(), e.workersMax());
            return Text.of("panel.keptMax", e.workersMax());
        });
    }

    /** Keeps one more worker warm (min workers raised) for {@code minutes}, given back at the end. */
    public CompletableFuture<Void> keepWarm(int minutes) {
        AccountEndpoint e = endpoint.get();
        int workersNow = e == null ? 0 : e.workersMin();
        return act(() -> {
            var w = owned.warm().start(owned.account(), owned.endpointId(), workersNow + 1, Duration.ofMinutes(minutes));
            return Text.of("panel.warm.started", w.raisedMin(), minutes);
        });
    }

    /** Ends the warm spell now. */
    public CompletableFuture<Void> endWarm() {
        return act(() -> {
            Optional<KeepWarm.Warmth> w = owned.warm().current();
            KeepWarm.Ended ended = owned.warm().end(owned.account());
            return w.map(x -> KeepWarm.said(ended, x)).orElse(Text.of("warm.none"));
        });
    }

    /** Does {@code change} off the FX thread, says what came of it, and refreshes. */
    CompletableFuture<Void> act(Supplier<Text> change) {
        if (busy.get()) {
            return CompletableFuture.completedFuture(null); // one change at a time: a second click is not a second
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(change, io).handleAsync((said, e) -> {
            busy.set(false);
            message.set(e != null ? Messages.of(Futures.unwrap(e)) : Messages.get(said));
            return null;
        }, fx).thenCompose(x -> refresh());
    }

    /** The worker whose log is shown: the one chosen, else one starting. */
    public WorkerLogModel log() {
        return log;
    }

    public OwnedEndpoint owned() {
        return owned;
    }

    public ReadOnlyObjectProperty<AccountEndpoint> endpointProperty() {
        return endpoint.getReadOnlyProperty();
    }

    public ObservableList<WorkerRow> workers() {
        return workers;
    }

    public ObservableList<DoctorLine> doctor() {
        return doctor;
    }

    /** "ADA_24 · workers 0–3 · idle 5 s · FlashBoot on · image". */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Workers by state and jobs in queue. */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** Why jobs would wait, or "". */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EndpointCheck.Trouble> troubleProperty() {
        return trouble.getReadOnlyProperty();
    }

    /** The max workers "Restore" gives back, 0 when raising it would not help. */
    public ReadOnlyIntegerProperty restoreToProperty() {
        return restoreTo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty warmProperty() {
        return warm.getReadOnlyProperty();
    }

    /** "1 extra worker warm until 10:32 · $0.041/min · 28 min left". */
    public ReadOnlyStringProperty warmTextProperty() {
        return warmText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Now, for the view's clock. */
    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        log.stop();
    }
}
