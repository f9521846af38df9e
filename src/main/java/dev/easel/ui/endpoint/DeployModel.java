package dev.easel.ui.endpoint;

import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.EndpointDraft;
import dev.easel.api.GpuType;
import dev.easel.api.NetworkVolume;
import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodException;
import dev.easel.io.Futures;
import dev.easel.jobs.Budget;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.Secrets;
import dev.easel.settings.SettingsStore;
import dev.easel.text.Messages;
import dev.easel.workflow.WorkerImage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * "Deploy new…": a worker-comfyui endpoint made on the account. The image variant with its pinned tag, a GPU pool
 * from the catalog with its price and availability, workers min/max, idle timeout, FlashBoot, a network volume; what
 * the choices cost, before anything is made; then the endpoint is created (sent once) and a profile made for it with
 * the account's key, so it is never left unreachable from Easel. The first job is the studio's, on the new profile.
 */
public final class DeployModel {

    /** A serverless GPU pool: its cheapest GPU's price per hour and its best availability. */
    public record Pool(String id, double perHour, String availability, String gpus) {
        public double perSecond() {
            return perHour / 3600;
        }

        /** "ADA_24 · $0.69/h · HIGH · RTX 4090, L4". */
        public String label() {
            return Messages.get("deploy.pool", id, String.format(Locale.ROOT, "%.2f", perHour),
                    availability.isEmpty() ? "?" : availability, gpus);
        }
    }

    /** Job seconds on a warm worker, and a cold start's (worker-comfyui, FLUX on a 24 GB GPU; Runpod's numbers). */
    static final int WARM_JOB_S = 15;
    static final int COLD_START_S = 45;

    private final RunpodAccount account;
    private final EndpointProfile from;
    private final SettingsStore store;
    private final Secrets secrets;
    private final Executor io;
    private final Executor fx;
    /** The name of an endpoint whose create failed without an answer saying it was not made (read on the I/O thread). */
    private volatile String unsure;
    private final ObjectProperty<WorkerImage> variant = new SimpleObjectProperty<>(WorkerImage.VARIANTS.getFirst());
    private final StringProperty name = new SimpleStringProperty("");
    private final ObservableList<Pool> pools = FXCollections.observableArrayList();
    private final ObjectProperty<Pool> pool = new SimpleObjectProperty<>();
    private final IntegerProperty min = new SimpleIntegerProperty(0);
    private final IntegerProperty max = new SimpleIntegerProperty(3);
    private final IntegerProperty idle = new SimpleIntegerProperty(5);
    private final BooleanProperty flashboot = new SimpleBooleanProperty(true);
    private final ObservableList<Optional<NetworkVolume>> volumes = FXCollections.observableArrayList(
            List.of(Optional.empty()));
    private final ObjectProperty<Optional<NetworkVolume>> volume = new SimpleObjectProperty<>(Optional.empty());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper made = new ReadOnlyBooleanWrapper(false);
    private final StringBinding cost;

    /** @param from the profile whose account deploys (its key is the new profile's) */
    public DeployModel(RunpodAccount account, EndpointProfile from, SettingsStore store, Secrets secrets, Executor io,
                       Executor fx) {
        this.account = account;
        this.from = from;
        this.store = store;
        this.secrets = secrets;
        this.io = io;
        this.fx = fx;
        name.set(defaultName(variant.get()));
        variant.addListener((o, was, now) -> {
            if (was != null && name.get().equals(defaultName(was))) {
                name.set(defaultName(now)); // a name the user typed stays
            }
            choosePool();
        });
        cost = Bindings.createStringBinding(this::costText, pool, min, max, idle, flashboot);
    }

    private static String defaultName(WorkerImage v) {
        return "easel-" + v.variant();
    }

    /** Reads the catalog (serverless pools, price, availability) and the network volumes. */
    public CompletableFuture<Void> load() {
        busy.set(true);
        message.set(Messages.get("deploy.loading"));
        record Loaded(List<Pool> pools, List<NetworkVolume> volumes) { }
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<NetworkVolume> vols;
                try {
                    vols = account.networkVolumes();
                } catch (RunpodException none) {
                    vols = List.of(); // a key without storage rights still deploys, without a volume
                }
                return new Loaded(pools(account.gpus()), vols);
            } catch (RunpodException e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((l, e) -> {
            busy.set(false);
            if (e != null) {
                message.set(Messages.get("deploy.noCatalog", Messages.of(Futures.unwrap(e))));
                return null;
            }
            pools.setAll(l.pools());
            List<Optional<NetworkVolume>> v = new ArrayList<>();
            v.add(Optional.empty());
            l.volumes().forEach(x -> v.add(Optional.of(x)));
            volumes.setAll(v);
            choosePool();
            message.set("");
            return null;
        }, fx);
    }

    /** The catalog's serverless GPUs by pool, cheapest first. */
    static List<Pool> pools(List<GpuType> gpus) {
        Map<String, List<GpuType>> byPool = new LinkedHashMap<>();
        gpus.stream().filter(GpuType::serverless).forEach(g -> byPool.computeIfAbsent(g.pool(), k -> new ArrayList<>())
                .add(g));
        List<String> order = List.of("NONE", "LOW", "MEDIUM", "HIGH");
        return byPool.entrySet().stream().map(en -> new Pool(en.getKey(),
                        en.getValue().stream().mapToDouble(GpuType::serverlessPerHour).min().orElse(Double.NaN),
                        en.getValue().stream().map(GpuType::availability).max(Comparator.comparingInt(order::indexOf))
                                .orElse(""),
                        String.join(", ", en.getValue().stream().map(GpuType::name).toList())))
                .sorted(Comparator.comparingDouble(Pool::perHour)).toList();
    }

    private void choosePool() {
        String wanted = variant.get().pool();
        pools.stream().filter(p -> p.id().equals(wanted)).findFirst()
                .or(() -> pools.stream().findFirst()).ifPresent(pool::set);
    }

    private String costText() {
        Pool p = pool.get();
        if (p == null) {
            return Messages.get("deploy.cost.unknown");
        }
        double s = p.perSecond();
        String idleCost = Budget.money(idle.get() * s);
        String job = Budget.money(WARM_JOB_S * s);
        String cold = Budget.money(COLD_START_S * s);
        String always = min.get() == 0 ? Messages.get("deploy.cost.noMin")
                : Messages.get("deploy.cost.min", min.get(), Budget.money(min.get() * p.perHour()),
                Budget.money(min.get() * p.perHour() * 24));
        return Messages.get("deploy.cost", idle.get(), idleCost, job, cold, always, max.get(),
                Budget.money(max.get() * p.perHour()));
    }


    /** The endpoint as it will be asked for. */
    EndpointDraft draft() {
        WorkerImage v = variant.get();
        return new EndpointDraft(name.get().strip(), v.image(), List.of(pool.get().id()), 1, WorkerImage.CUDA,
                min.get(), max.get(), idle.get(), 4, flashboot.get() ? "FLASHBOOT" : "OFF", 600_000, v.diskGb(),
                Map.of(), volume.get().map(x -> List.of(x.id())).orElse(List.of()));
    }

    /**
     * Creates the endpoint (once: a request that may have gone through is never sent again) and saves its profile
     * with the account's key; the profile is returned.
     */
    public CompletableFuture<Optional<EndpointProfile>> deploy() {
        if (name.get().isBlank()) {
            message.set(Messages.get("deploy.enterName"));
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (pool.get() == null) {
            message.set(Messages.get("deploy.choosePool"));
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (min.get() > max.get() || max.get() < 1) {
            message.set(Messages.get("deploy.badWorkers"));
            return CompletableFuture.completedFuture(Optional.empty());
        }
        EndpointDraft d = draft();
        WorkerImage v = variant.get();
        double perSecond = pool.get().perSecond();
        busy.set(true);
        message.set(Messages.get("deploy.creating", d.name()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                String key = secrets.apiKey(from).orElse("");
                AccountEndpoint e = madeBefore(d).orElseGet(() -> create(d));
                EndpointProfile p = new EndpointProfile(UUID.randomUUID().toString(), d.name(), e.id(),
                        from.demo() ? "" : AccountConfig.queueBaseFor(AccountConfig.restBaseFor(from.baseUrl())),
                        Math.round(perSecond * 1e7) / 1e7, v.models(), v.templateId(), false);
                if (from.demo()) {
                    return Optional.<EndpointProfile>empty(); // the demo's endpoints last as long as this run
                }
                secrets.store().put(p.id(), key); // the key first: a profile saved without it could not send
                store.update(s -> s.withProfilesAdded(List.of(p)));
                return Optional.of(p);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((p, e) -> {
            busy.set(false);
            if (e != null) {
                message.set(Messages.get("deploy.failed", Messages.of(Futures.unwrap(e))));
                return Optional.<EndpointProfile>empty();
            }
            made.set(true);
            message.set(p.isPresent() ? Messages.get("deploy.made", d.name())
                    : Messages.get("deploy.made.demo", d.name()));
            return p;
        }, fx);
    }

    /**
     * After a try whose answer was lost, the endpoint it may have made: one of the same name and image on the
     * account is taken rather than a second one made (and paid for) beside it.
     */
    private Optional<AccountEndpoint> madeBefore(EndpointDraft d) {
        if (!d.name().equals(unsure)) {
            return Optional.empty();
        }
        return account.endpoints().stream().filter(x -> x.name().equals(d.name()) && x.image().equals(d.image()))
                .findFirst();
    }

    private AccountEndpoint create(EndpointDraft d) {
        try {
            AccountEndpoint e = account.create(d);
            unsure = null;
            return e;
        } catch (RuntimeException e) {
            unsure = d.name(); // it may have been made: the next try looks first
            throw e;
        }
    }

    public ObjectProperty<WorkerImage> variantProperty() {
        return variant;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObservableList<Pool> pools() {
        return pools;
    }

    public ObjectProperty<Pool> poolProperty() {
        return pool;
    }

    public IntegerProperty minProperty() {
        return min;
    }

    public IntegerProperty maxProperty() {
        return max;
    }

    /** Seconds a worker waits for the next job before it stops (and is paid for meanwhile). */
    public IntegerProperty idleProperty() {
        return idle;
    }

    public BooleanProperty flashbootProperty() {
        return flashboot;
    }

    public ObservableList<Optional<NetworkVolume>> volumes() {
        return volumes;
    }

    public ObjectProperty<Optional<NetworkVolume>> volumeProperty() {
        return volume;
    }

    /** What the choices cost, in words, before anything is made. */
    public StringBinding costBinding() {
        return cost;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The endpoint was made (Deploy is not offered again: a second click would make a second endpoint). */
    public ReadOnlyBooleanProperty madeProperty() {
        return made.getReadOnlyProperty();
    }
}
