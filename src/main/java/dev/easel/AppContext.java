package dev.easel;

import dev.easel.io.Database;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunpodClient;
import dev.easel.api.RunpodConfig;
import dev.easel.api.AccountConfig;
import dev.easel.api.OkHttpRunpodAccount;
import dev.easel.demo.DemoConfig;
import dev.easel.demo.DemoEndpoint;
import dev.easel.io.AtomicFiles;
import dev.easel.io.DesktopNotifier;
import dev.easel.jobs.JobEndpoint;
import dev.easel.jobs.JobJournal;
import dev.easel.jobs.EndpointMemory;
import dev.easel.jobs.JobQueue;
import dev.easel.jobs.SweepFanout;
import dev.easel.jobs.SweepJournal;
import dev.easel.jobs.Sweeps;
import dev.easel.jobs.KeepWarm;
import dev.easel.jobs.OwnedEndpoint;
import dev.easel.jobs.JobsSchema;
import dev.easel.jobs.ModelAdvice;
import dev.easel.jobs.PollPlanner;
import dev.easel.library.Library;
import dev.easel.library.LibrarySchema;
import dev.easel.library.ResultStore;
import dev.easel.library.StatusImport;
import dev.easel.library.ThumbnailCache;
import dev.easel.library.Trash;
import dev.easel.settings.AppFolders;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.SecretStore;
import dev.easel.settings.Secrets;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import dev.easel.text.Text;
import dev.easel.ui.fx.FxExecutor;
import dev.easel.workflow.Template;
import dev.easel.workflow.TemplateLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

/** The composition root: the one place that creates services and executors, and closes them on exit. */
public final class AppContext implements AutoCloseable {

    /** When Easel started: a session's budget counts from here, across endpoint switches. */
    private final Instant started = Instant.now();

    /** Asked for when needed: the launcher's thread, which makes this context, must not wait for logback. */
    private static Logger log() {
        return LoggerFactory.getLogger(AppContext.class);
    }

    /** The services, once started off the FX thread. */
    public record Services(Settings settings, Text settingsNote, EndpointProfile profile, DemoEndpoint demo,
                           RunpodClient client, Database db, ResultStore results, Library library,
                           StatusImport importer, Trash trash, TemplateLibrary templates,
                           List<Template> allTemplates, JobQueue queue, Sweeps sweeps, OwnedEndpoint owned,
                           SweepFanout fanout, SweepLanes lanes) {
        /** The template the studio starts from: the profile's, else the bundled default. */
        public Template defaultTemplate() {
            return allTemplates.stream().filter(t -> t.id().equals(profile.defaultTemplate())).findFirst()
                    .orElse(templates.defaultTemplate());
        }

        /** The base URL "Copy as curl" points at. */
        public String baseUrl() {
            return demo != null ? demo.baseUrl().toString() : profile.baseUrl();
        }
    }

    /** How long closing waits for the saves and requests under way. */
    private static final Duration SAVES_GRACE = Duration.ofSeconds(5);
    private DesktopNotifier notifier;
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final Executor background = task -> {
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            if (!io.isShutdown()) {
                throw e;
            }
            log().debug("closing: dropped work asked for after the app closed");
        }
    };
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("easel-jobs").factory());
    private final FxExecutor fx = new FxExecutor();
    private final ThreadPoolExecutor thumbnailWorkers = ThumbnailCache.lifoExecutor(2);
    private final AppFolders folders;
    /** The one owner of the settings file: its quick changes are gathered and written together, never overlapping. */
    private final SettingsStore settings;
    private final DemoConfig demoConfig;
    private final Function<Settings, EndpointProfile> profileChooser;
    private final boolean demoWhenUnusable;
    private final StartupTrace trace;
    private volatile CompletableFuture<Services> services;
    private volatile CompletableFuture<Library.Rescan> resumed;
    private volatile boolean closed;

    public AppContext(AppFolders folders, DemoConfig demoConfig) {
        this(folders, demoConfig, Settings::activeProfile, true, StartupTrace.OFF);
    }

    /** The window's services: the active profile (the demo, saying why, when its endpoint can't be used). */
    static AppContext forWindow(AppFolders folders, LaunchOptions options, StartupTrace trace) {
        return new AppContext(folders, DemoConfig.defaults().withTimeScale(options.demoTimeScale()),
                Settings::activeProfile, true, trace);
    }

    /**
     * @param profile which endpoint profile the services use, from the saved settings (the active one for the
     *                window; the one named on the command line for {@code easel generate})
     */
    public AppContext(AppFolders folders, DemoConfig demoConfig,
                      Function<Settings, EndpointProfile> profile) {
        this(folders, demoConfig, profile, false, StartupTrace.OFF);
    }

    /** @param demoWhenUnusable open on the demo (saying why) when the profile's endpoint can't be used: the window */
    private AppContext(AppFolders folders, DemoConfig demoConfig,
                       Function<Settings, EndpointProfile> profile, boolean demoWhenUnusable,
                       StartupTrace trace) {
        this.demoWhenUnusable = demoWhenUnusable;
        this.trace = trace;
        this.folders = folders;
        this.settings = new SettingsStore(folders.config().resolve("settings.json"), Clock.systemDefaultZone(),
                scheduler, Duration.ofMillis(400));
        this.demoConfig = demoConfig;
        this.profileChooser = profile;
        // settings, the database, the demo server and the journal are all disk or network: never on the FX thread
        services = CompletableFuture.supplyAsync(this::build, io);
        resumed = services.thenApplyAsync(this::resume, io);
    }

    /**
     * After the services are handed out (the studio can show meanwhile): the library's rescan, then the job queue's
     * start. In that order: an image saved just before a crash is indexed with its job, so the resumed job doesn't
     * save it twice. A Generate clicked meanwhile is journaled and waits for the start.
     */
    private Library.Rescan resume(Services s) {
        if (closed) {
            return null; // the app closed before it got here: nothing to resume
        }
        Library.Rescan found = null;
        try {
            found = s.library().rescan();
            log().info("library rescan: {}", found);
        } catch (SQLException | RuntimeException e) {
            // whatever the folder holds, the job queue still starts: its jobs must be resumed
            log().warn("the library rescan failed", e);
        }
        trace.phase("rescan");
        if (closed) {
            return found;
        }
        try {
            s.fanout().prepare(); // a shared sweep's unsent cells are held before any queue could send them
        } catch (SQLException | RuntimeException e) {
            log().warn("the shared sweeps could not be taken up", e);
        }
        try {
            s.queue().start();
        } catch (SQLException | RuntimeException e) {
            if (closed) {
                return found; // closed meanwhile
            }
            log().error("the job queue could not start", e);
            throw new CompletionException(e);
        }
        trace.phase("queue-started");
        try {
            s.sweeps().start(); // a sweep whose cells ended while Easel was closed gets its grid now
        } catch (SQLException | RuntimeException e) {
            log().warn("the sweeps could not be taken up", e);
        }
        s.fanout().start(scheduler, background);
        WarmSpells.resume(s.owned(), s.settings(), folders); // a crash may have left paid workers warm
        return found;
    }

    private Services build() {
        try {
            trace.phase("services-begin");
            SettingsStore.Loaded loaded = settingsStore().load();
            Settings settings = loaded.settings();
            EndpointProfile profile = profileChooser.apply(settings);
            Text note = loaded.note();
            trace.phase("settings");
            // large answers and their images wait here to be saved; what a crash left is dropped (one instance only)
            Path incoming = folders.cache().resolve("incoming");
            AtomicFiles.deleteFilesIn(incoming);
            DemoEndpoint demo;
            RunpodClient client;
            String key; // read once: both clients send it, and the keychain is asked only once at a start
            try {
                demo = profile.demo() ? DemoEndpoint.start(demoConfig) : null;
                key = Secrets.platform(folders).apiKey(profile).orElse("");
                client = client(profile, demo, incoming, key);
            } catch (RuntimeException | SecretStore.SecretException e) {
                if (profile.demo() || !demoWhenUnusable) {
                    throw e;
                }
                // an endpoint that can't be used (a URL the client refuses, an unreadable key): the window opens on
                // the demo, says why, and Settings is one click away, rather than "Easel could not start"
                log().warn("the endpoint {} can't be used; opening on the demo", profile.name(), e);
                note = Text.of("app.endpointUnusable", profile.name(), Text.cause(e));
                profile = EndpointProfile.demoProfile();
                demo = DemoEndpoint.start(demoConfig);
                key = Secrets.platform(folders).apiKey(profile).orElse("");
                client = client(profile, demo, incoming, key);
            }
            trace.phase("client");
            Database db = Database.open(folders.data().resolve("easel.db"), JobsSchema.SCHEMA, LibrarySchema.SCHEMA);
            trace.phase("database");
            Path output = settings.outputDir() != null ? Path.of(settings.outputDir()) : folders.pictures();
            ThumbnailCache thumbnails = new ThumbnailCache(folders.cache().resolve("thumbnails"), thumbnailWorkers);
            ResultStore results = new ResultStore(output, db, ZoneId.systemDefault(), thumbnails);
            JobJournal journal = new JobJournal(db);
            Library library = new Library(db, output, thumbnails, ZoneId.systemDefault(), journal::idOfRunpodJob);
            TemplateLibrary templates = new TemplateLibrary(folders.templates());
            // made, not started: the rescan comes first (resume())
            JobQueue queue = new JobQueue(journal, results,
                    new JobEndpoint(profile.name(), client, profile.pricePerSecond(), demo != null), io, scheduler,
                    Clock.systemUTC(), PollPlanner.standard(), 4);
            // a missing model's failure names the template to choose (read on the poller's thread, never the FX one)
            ModelAdvice advice = new ModelAdvice(templates::all);
            queue.setFailureAdvice(advice);
            trace.phase("queue");
            SweepJournal sweepJournal = new SweepJournal(journal);
            Sweeps sweeps = new Sweeps(queue, sweepJournal, results, io, Clock.systemUTC());
            SweepLanes lanes = new SweepLanes(new SweepLanes.Parts(folders, settings.profiles(),
                    demo != null ? null : profile.endpointId(),
                    journal, results, io, scheduler, incoming, advice, started));
            SweepFanout fanout = new SweepFanout(queue, lanes, sweepJournal, Clock.systemUTC());
            sweeps.shareWith(fanout);
            // listing the user's templates reads their folder: here, not on the FX thread
            return new Services(settings, note, profile, demo, client, db, results, library,
                    new StatusImport(results, client, Clock.systemUTC()), Trash.platform(), templates,
                    templates.all(), queue, sweeps, owned(profile, demo, client, key), fanout, lanes);
        } catch (Exception e) {
            log().error("Easel could not start its services", e);
            throw new CompletionException(e);
        }
    }

    /** When Easel started: the session of the session budget. */
    public Instant started() {
        return started;
    }

    public CompletableFuture<Services> services() {
        return services;
    }

    /** Done when the rescan has run (its result: null if it failed) and the job queue has started. */
    public CompletableFuture<Library.Rescan> resumed() {
        return resumed;
    }

    /** Stops the running services and starts them again from the saved settings (another endpoint, say). */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Services> restart() {
        CompletableFuture<Services> old = services;
        // the old services stop once their rescan and the queue's start are over, not under them
        services = resumed.handle((r, e) -> null).thenCompose(ignored -> old.handle((s, e) -> {
            if (s != null) {
                stop(s);
            }
            return null;
        })).thenApplyAsync(ignored -> build(), io);
        resumed = services.thenApplyAsync(this::resume, io);
        return services;
    }

    public SettingsStore settingsStore() {
        return settings;
    }

    /** The desktop's notifications (connected when first used, closed with the app). */
    public synchronized DesktopNotifier notifier() {
        if (notifier == null) {
            notifier = DesktopNotifier.forThisDesktop();
        }
        return notifier;
    }

    /** The keys as jobs find them: {@code RUNPOD_API_KEY} over the store (opened when first asked for). */
    public Secrets secrets() {
        return Secrets.platform(folders);
    }

    private static RunpodClient client(EndpointProfile profile, DemoEndpoint demo, Path incoming, String key) {
        URI base = demo != null ? demo.baseUrl() : URI.create(profile.baseUrl());
        return new OkHttpRunpodClient(RunpodConfig.of(base, profile.endpointId(), key)).spillTo(incoming);
    }

    /** The endpoint as its account manages it: the demo's own REST v2, or Runpod's with the profile's key. */
    private OwnedEndpoint owned(EndpointProfile profile, DemoEndpoint demo, RunpodClient client, String key) {
        URI rest = demo != null ? demo.baseUrl() : AccountConfig.restBaseFor(profile.baseUrl());
        return new OwnedEndpoint(profile.endpointId(), profile.pricePerSecond(),
                new OkHttpRunpodAccount(AccountConfig.of(rest, key)), client,
                new KeepWarm(WarmSpells.journal(folders, profile), Clock.systemUTC()),
                new EndpointMemory(folders.data().resolve("endpoints.json")));
    }

    private static void stop(Services s) {
        s.owned().close();
        s.fanout().close();
        s.lanes().close();
        s.queue().close();
        s.client().close();
        if (s.demo() != null) {
            s.demo().close();
        }
        try {
            s.db().close();
        } catch (SQLException e) {
            log().warn("closing the database", e);
        }
    }

    public FxExecutor fxExecutor() {
        return fx;
    }

    /**
     * Where the views' models send disk and network work. Once the app closes, work still asked for (a search typed
     * just before, a click in flight) is dropped rather than thrown at the FX thread as an error.
     */
    public Executor io() {
        return background;
    }

    public AppFolders folders() {
        return folders;
    }

    @Override
    public void close() {
        closed = true;
        settings.flush(); // what the recent prompts asked for in the last moments
        // no new work from the queue's tick; the saves and requests under way finish (and are journaled) before the
        // database closes, for a moment at most: a save cut off stays SAVING and is fetched again at the next start
        services.thenAccept(s -> {
            s.fanout().close();
            s.queue().close();
            s.lanes().stopQueues(); // their clients close with the rest, after the grace
        }).exceptionally(e -> null);
        // a warm spell ends with the app (within the grace below; if cut off, the journal restores it at next start)
        services.thenAcceptAsync(s -> WarmSpells.endOnClose(s.owned()), io).exceptionally(e -> null);
        scheduler.shutdownNow();
        thumbnailWorkers.shutdownNow();
        io.shutdown();
        try {
            if (!io.awaitTermination(SAVES_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log().info("work still running after {} s; closing anyway", SAVES_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.thenAccept(AppContext::stop).exceptionally(e -> null);
        synchronized (this) {
            if (notifier != null) {
                notifier.close();
            }
        }
    }
}
