package dev.easel.ui.settings;

import dev.easel.api.AccountConfig;
import dev.easel.api.AccountEndpoint;
import dev.easel.api.PlainHttp;
import dev.easel.api.GpuType;
import dev.easel.api.RunpodAccount;
import dev.easel.api.RunpodException;
import dev.easel.io.Futures;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.SettingsStore;
import dev.easel.settings.Secrets;
import dev.easel.text.Messages;
import dev.easel.workflow.WorkerImage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Settings → "Connect Runpod account": with the account's API key, lists its serverless endpoints (name, GPU pool,
 * workers, image and tag) and makes a profile of each one chosen, worker-comfyui endpoints getting the template of
 * their image variant and its models; the key is stored for each new profile.
 */
public final class AccountConnectModel {

    /**
     * One endpoint of the account.
     *
     * @param image          what worker-comfyui variant it runs, or null for another image
     * @param pricePerSecond the worker's list price per second from the catalog, or NaN when unknown
     * @param added          a profile for it exists already
     */
    public record Row(AccountEndpoint endpoint, WorkerImage image, double pricePerSecond, boolean added) {

        /** "ADA_24 · workers 0–3 · runpod/worker-comfyui:5.8.5-flux1-dev-fp8". */
        public String summary() {
            String pools = endpoint.gpu() ? String.join(", ", endpoint.gpuPools()) : Messages.get("account.row.cpu");
            return Messages.get("account.row.summary", pools, endpoint.workersMin(), endpoint.workersMax(),
                    endpoint.image().isEmpty() ? Messages.get("account.row.noImage") : endpoint.image());
        }

        /** What Easel makes of its image: the template it will use, or why it can't tell. */
        public String recognised() {
            return image != null ? Messages.get("account.row.comfy", image.name())
                    : Messages.get("account.row.notComfy");
        }
    }

    private final SettingsStore store;
    private final Secrets secrets;
    private final BiFunction<URI, String, RunpodAccount> accounts;
    private final Executor io;
    private final Executor fx;
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty(AccountConfig.RUNPOD_REST_URL.toString());
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableSet<String> chosen = FXCollections.observableSet();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** The key the rows were listed with: the one stored for the profiles made from them. */
    private String listedWith;
    /** The queue API base of the account listed: the one the new profiles send jobs to. */
    private String queueBaseUrl = "";

    /** @param accounts the management API at an address (Runpod's, or a test server's) for a key */
    public AccountConnectModel(SettingsStore store, Secrets secrets, BiFunction<URI, String, RunpodAccount> accounts,
                               Executor io, Executor fx) {
        this.store = store;
        this.secrets = secrets;
        this.accounts = accounts;
        this.io = io;
        this.fx = fx;
        if (secrets.overriddenByEnvironment()) {
            message.set(Messages.get("account.envKey", Secrets.ENV));
        }
    }

    /** Lists the account's endpoints with the key typed (or {@code RUNPOD_API_KEY}'s); says what it found. */
    public CompletableFuture<Void> list(Set<String> knownEndpointIds) {
        String typed = key.get().strip();
        String k = !typed.isEmpty() ? typed : secrets.environmentKey().orElse("");
        if (k.isEmpty()) {
            message.set(Messages.get("account.enterKey"));
            return CompletableFuture.completedFuture(null);
        }
        URI at;
        try {
            at = URI.create(address.get().strip());
            PlainHttp.requireSafe(at);
        } catch (IllegalArgumentException e) {
            message.set(Messages.get("account.badAddress"));
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        message.set(Messages.get("account.listing"));
        return CompletableFuture.supplyAsync(() -> {
            try (RunpodAccount account = accounts.apply(at, k)) {
                List<AccountEndpoint> endpoints = account.endpoints();
                Map<String, Double> perHour = new HashMap<>();
                try {
                    for (GpuType g : account.gpus()) {
                        if (g.serverless()) {
                            perHour.merge(g.pool(), g.serverlessPerHour(), Math::min);
                        }
                    }
                } catch (RunpodException noCatalog) {
                    // the list still helps without prices: the profiles get the usual estimate
                }
                return endpoints.stream().map(e -> row(e, perHour, knownEndpointIds)).toList();
            } catch (RunpodException e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((list, e) -> {
            busy.set(false);
            if (e != null) {
                rows.clear();
                message.set(Messages.of(Futures.unwrap(e)));
                return null;
            }
            listedWith = k;
            queueBaseUrl = AccountConfig.queueBaseFor(at);
            rows.setAll(list);
            chosen.clear();
            list.stream().filter(r -> !r.added() && r.image() != null).forEach(r -> chosen.add(r.endpoint().id()));
            long comfy = list.stream().filter(r -> r.image() != null).count();
            message.set(list.isEmpty() ? Messages.get("account.none")
                    : Messages.get("account.listed", list.size(), comfy));
            return null;
        }, fx);
    }

    private static Row row(AccountEndpoint e, Map<String, Double> perHour, Set<String> known) {
        WorkerImage image = WorkerImage.recognise(e.image()).orElse(null);
        double price = e.gpuPools().stream().map(perHour::get).filter(p -> p != null).findFirst()
                .map(p -> p * Math.max(1, e.gpuCount()) / 3600).orElse(Double.NaN);
        return new Row(e, image, price, known.contains(e.id()));
    }

    /** Makes and saves a profile for each chosen endpoint not added yet, its key stored; returns them. */
    public CompletableFuture<List<EndpointProfile>> addChosen() {
        List<EndpointProfile> made = new ArrayList<>();
        for (Row r : rows) {
            if (chosen.contains(r.endpoint().id()) && !r.added()) {
                made.add(profile(r));
            }
        }
        if (made.isEmpty() || listedWith == null) {
            message.set(Messages.get("account.chooseOne"));
            return CompletableFuture.completedFuture(List.of());
        }
        String k = listedWith;
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (EndpointProfile p : made) {
                    secrets.store().put(p.id(), k); // the key first: a profile saved without it could not send
                }
                store.update(s -> s.withProfilesAdded(made));
                return made;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((ok, e) -> {
            busy.set(false);
            if (e != null) {
                message.set(Messages.get("account.notAdded", Messages.of(Futures.unwrap(e))));
                return List.<EndpointProfile>of();
            }
            Set<String> ids = new HashSet<>();
            ok.forEach(p -> ids.add(p.endpointId()));
            rows.replaceAll(r -> ids.contains(r.endpoint().id()) ? new Row(r.endpoint(), r.image(), r.pricePerSecond(),
                    true) : r);
            chosen.removeAll(ids);
            message.set(Messages.get("account.added", ok.size()));
            return ok;
        }, fx);
    }

    private EndpointProfile profile(Row r) {
        WorkerImage image = r.image();
        double price = Double.isNaN(r.pricePerSecond()) ? EndpointProfile.runpod("", "").pricePerSecond()
                : r.pricePerSecond();
        String name = r.endpoint().name().isBlank() ? r.endpoint().id() : r.endpoint().name();
        return new EndpointProfile(UUID.randomUUID().toString(), name, r.endpoint().id(), queueBaseUrl,
                Math.round(price * 1e7) / 1e7, image == null ? List.of() : image.models(),
                image == null ? WorkerImage.VARIANTS.getFirst().templateId() : image.templateId(), false);
    }

    /** The management API's address: Runpod's unless changed (Advanced), e.g. to {@code easel serve-demo}'s. */
    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The ids of the endpoints chosen to become profiles (worker-comfyui ones not added yet, at first). */
    public ObservableSet<String> chosen() {
        return chosen;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A price per second in words, for the list: "$0.00031/s". */
    static String price(double perSecond) {
        return Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, "$%.5f/s", perSecond);
    }
}
