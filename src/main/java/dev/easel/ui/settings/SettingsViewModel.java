package dev.easel.ui.settings;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.easel.api.PlainHttp;
import dev.easel.io.Futures;
import dev.easel.settings.EndpointProfile;
import dev.easel.settings.OutputFolder;
import dev.easel.settings.SecretStore;
import dev.easel.settings.Secrets;
import dev.easel.settings.Settings;
import dev.easel.settings.SettingsStore;
import dev.easel.settings.ThemeChoice;
import dev.easel.text.Messages;
import dev.easel.workflow.Template;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Settings → Endpoint: profiles (name, endpoint id, base URL, price, models, default template), the API key
 * (written to the secret store only, never shown back), "Test connection", and which profile is active.
 */
public final class SettingsViewModel {

    private final SettingsStore store;
    private final Secrets secrets;
    private final Path defaultOutputDir;
    private final Executor io;
    private final Executor fx;
    private final ObservableList<EndpointProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<EndpointProfile> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty endpointId = new SimpleStringProperty("");
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty price = new SimpleStringProperty("");
    private final StringProperty models = new SimpleStringProperty("");
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final StringProperty outputDir = new SimpleStringProperty("");
    private final IntegerProperty confirmJobsOver =
            new SimpleIntegerProperty(Settings.DEFAULT_CONFIRM_JOBS_OVER);
    private final ObjectProperty<Template> defaultTemplate = new SimpleObjectProperty<>();
    private final ObservableList<Template> templates = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper keyStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper keyStored = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(ThemeChoice.SYSTEM);
    private final BooleanProperty notifications = new SimpleBooleanProperty(true);
    private final ObjectProperty<Settings.Budgets> budgets = new SimpleObjectProperty<>(Settings.Budgets.NONE);
    /** Profiles deleted since the last save: their keys are forgotten when the deletion is saved. */
    private final List<EndpointProfile> deleted = new ArrayList<>();
    private Settings settings;

    /**
     * @param secrets          the key store, and whether {@code RUNPOD_API_KEY} overrides it
     * @param defaultOutputDir where pictures go when no folder is set (the folder shown as the default)
     */
    public SettingsViewModel(SettingsStore store, Secrets secrets, Path defaultOutputDir, Settings current,
                             List<Template> templates, Executor io, Executor fx) {
        this.templates.setAll(templates);
        this.store = store;
        this.secrets = secrets;
        this.defaultOutputDir = defaultOutputDir;
        this.io = io;
        this.fx = fx;
        this.settings = current;
        profiles.setAll(current.profiles());
        outputDir.set(current.outputDir() == null ? "" : current.outputDir());
        confirmJobsOver.set(current.confirmJobsOver());
        theme.set(ThemeChoice.of(current.theme()));
        selected.addListener((o, was, p) -> {
            if (was == null || p == null || !was.id().equals(p.id())) {
                show(p); // another profile: its fields (an edit of the same profile keeps what is typed)
            }
        });
        selected.set(current.activeProfile());
    }

    private void show(EndpointProfile p) {
        editable.set(p != null && !p.demo());
        name.set(p == null ? "" : p.name());
        endpointId.set(p == null ? "" : p.endpointId());
        baseUrl.set(p == null ? "" : p.baseUrl());
        price.set(p == null ? "" : String.format(Locale.ROOT, "%.5f", p.pricePerSecond()));
        models.set(p == null ? "" : String.join(", ", p.models()));
        defaultTemplate.set(p == null ? null : templates.stream().filter(t -> t.id().equals(p.defaultTemplate()))
                .findFirst().orElse(templates.isEmpty() ? null : templates.getFirst()));
        apiKey.set("");
        testResult.set("");
        keyStatus.set("");
        keyStored.set(false);
        if (p != null && !p.demo()) {
            readKeyStatus(p);
        }
    }

    private void readKeyStatus(EndpointProfile p) {
        Futures.detach(CompletableFuture.supplyAsync(() -> ConnectionTestModel.keyStatus(p, secrets), io)
                .thenAcceptAsync(status -> {
                    if (selected.get() != null && selected.get().id().equals(p.id())) { // else another is shown now
                        keyStored.set(status.stored());
                        keyStatus.set(status.said());
                    }
                }, fx), "reading whether a key is stored");
    }

    /**
     * Removes the selected Runpod profile from the list; saving makes it so and forgets its key. The demo can't be
     * removed; removing the active profile makes the demo active when saved.
     */
    public void deleteProfile() {
        EndpointProfile p = selected.get();
        if (p == null || p.demo()) {
            return;
        }
        int at = profiles.indexOf(p);
        profiles.remove(p);
        if (settings.profile(p.id()).isPresent()) {
            deleted.add(p);
        }
        selected.set(profiles.get(Math.max(0, Math.min(at, profiles.size()) - 1)));
        message.set(Messages.get("settings.deleted", p.name()));
    }

    /** Forgets the stored key of the selected profile now (the profile stays, without a key). */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> forgetKey() {
        EndpointProfile p = selected.get();
        if (p == null || p.demo()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                secrets.store().delete(p.id());
            } catch (SecretStore.SecretException e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((ok, e) -> {
            message.set(e == null ? Messages.get("settings.keyForgotten", p.name())
                    : Messages.get("settings.notForgotten", Messages.of(Futures.unwrap(e))));
            readKeyStatus(p);
        }, fx);
    }

    /** Shows profiles saved meanwhile (by "Connect Runpod account") and selects the first; saving keeps them. */
    public void adopt(List<EndpointProfile> saved) {
        settings = settings.withProfilesAdded(saved);
        profiles.addAll(saved);
        selected.set(saved.getFirst());
    }

    /** Adds a new Runpod profile and selects it. */
    public void addProfile() {
        EndpointProfile p = EndpointProfile.runpod(Messages.get("settings.myEndpoint"), "");
        profiles.add(p);
        selected.set(p);
    }

    /** Checks and keeps the fields of the selected profile (in memory until {@link #save}). */
    public boolean apply() {
        EndpointProfile p = selected.get();
        if (p == null || p.demo()) {
            return true;
        }
        String id = endpointId.get().strip();
        if (!id.matches("[A-Za-z0-9_.-]+")) {
            message.set(Messages.get("settings.enterTheEndpointId"));
            return false;
        }
        String url = baseUrl.get().strip().isEmpty() ? EndpointProfile.RUNPOD : baseUrl.get().strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            message.set(Messages.get("settings.theBaseUrlIs"));
            return false;
        }
        try {
            PlainHttp.requireSafe(uri); // the client's own rule: what Settings accepts, the client never refuses later
        } catch (IllegalArgumentException e) {
            message.set(Messages.get("settings.useAnHttpsBase"));
            return false;
        }
        double pricePerSecond;
        try {
            pricePerSecond = Double.parseDouble(price.get().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            message.set(Messages.get("settings.thePricePerGpu"));
            return false;
        }
        List<String> modelList = Arrays.stream(models.get().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        String template = defaultTemplate.get() == null ? p.defaultTemplate() : defaultTemplate.get().id();
        EndpointProfile updated = new EndpointProfile(p.id(), name.get().isBlank() ? id : name.get().strip(), id, url,
                pricePerSecond, modelList, template, false);
        profiles.set(profiles.indexOf(p), updated);
        selected.set(updated);
        message.set("");
        return true;
    }

    /**
     * Writes the settings (and the key, when one was typed; removed profiles' keys are forgotten) and returns
     * whether the studio must start again on them: another active endpoint, or another folder for the pictures.
     * The key goes to the secret store only. A folder Easel can't write to is refused, and nothing is saved: a
     * failure is said in {@link #messageProperty()} and the answer is false.
     */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Boolean> save(boolean makeSelectedActive) {
        if (!apply()) {
            return CompletableFuture.completedFuture(false);
        }
        EndpointProfile p = selected.get();
        String key = apiKey.get().strip();
        String asked = makeSelectedActive && p != null ? p.id() : settings.activeProfileId();
        // the active one was deleted: the demo takes over
        String active = profiles.stream().anyMatch(x -> x.id().equals(asked)) ? asked : EndpointProfile.demoProfile().id();
        String folder = outputDir.get().isBlank() ? null : outputDir.get().strip();
        Settings next = new Settings(Settings.SCHEMA_VERSION, new ArrayList<>(profiles), active, folder,
                settings.theme(), settings.recentPrompts(), confirmJobsOver.get());
        boolean switched = !active.equals(settings.activeProfileId());
        boolean moved = !Objects.equals(folder, settings.outputDir());
        List<EndpointProfile> forget = List.copyOf(deleted);
        String nowActive = active;
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (moved) {
                    OutputFolder.check(folder == null ? defaultOutputDir : Path.of(folder));
                }
                if (!key.isEmpty() && p != null && !p.demo()) {
                    secrets.store().put(p.id(), key);
                }
                for (EndpointProfile gone : forget) {
                    secrets.store().delete(gone.id());
                }
                // what the dialog edits, over what is saved now: the recent prompts kept meanwhile stay
                store.update(current -> new Settings(next.schemaVersion(), next.profiles(), next.activeProfileId(),
                        next.outputDir(), current.theme(), current.recentPrompts(), next.confirmJobsOver(),
                        current.preferences()));
                return switched || moved;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).handleAsync((restart, e) -> {
            if (e == null) {
                settings = next;
                deleted.removeAll(forget);
                apiKey.set("");
                String name = next.profile(nowActive).map(EndpointProfile::name).orElse(nowActive);
                message.set(switched ? Messages.get("settings.saved.switched", name)
                        : moved ? Messages.get("settings.saved.moved", outputFolderShown())
                        : Messages.get("settings.saved"));
                show(selected.get());
                return restart;
            }
            message.set(Messages.get("settings.notSaved", Messages.of(Futures.unwrap(e))));
            return false; // said; nothing was saved
        }, fx);
    }

    /** Calls /health with the fields as typed (the stored key when none is typed) and says what it found. */
    @CanIgnoreReturnValue // shows its own failures
    public CompletableFuture<Void> testConnection() {
        if (!apply()) {
            return CompletableFuture.completedFuture(null);
        }
        EndpointProfile p = selected.get();
        if (p == null || p.demo()) {
            testResult.set(Messages.get("settings.theDemoEndpointRuns"));
            return CompletableFuture.completedFuture(null);
        }
        String typed = apiKey.get().strip();
        testResult.set(Messages.get("settings.testing"));
        return CompletableFuture.supplyAsync(() -> ConnectionTestModel.run(p, typed, secrets), io)
                .thenAcceptAsync(testResult::set, fx);
    }

    public ObservableList<EndpointProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<EndpointProfile> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty endpointIdProperty() {
        return endpointId;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public StringProperty priceProperty() {
        return price;
    }

    public StringProperty modelsProperty() {
        return models;
    }

    /** The template the studio starts from with this endpoint. */
    public ObjectProperty<Template> defaultTemplateProperty() {
        return defaultTemplate;
    }

    public ObservableList<Template> templates() {
        return templates;
    }

    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    /** A Generate sending more jobs than this asks first (0: never). */
    public IntegerProperty confirmJobsOverProperty() {
        return confirmJobsOver;
    }

    public StringProperty outputDirProperty() {
        return outputDir;
    }

    /** The folder pictures go to when none is set: shown as the field's default. */
    public Path defaultOutputDir() {
        return defaultOutputDir;
    }

    /** Where new pictures go with the folder as typed. */
    public String outputFolderShown() {
        return outputDir.get().isBlank() ? defaultOutputDir.toString() : outputDir.get().strip();
    }

    /** The theme, applied at once (the window binds it to its own). */
    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    /** Notifications when jobs end in the background, applied at once (the window keeps them). */
    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    /** What Easel may spend a day, a month, a session before it holds jobs and asks; applied at once. */
    public ObjectProperty<Settings.Budgets> budgetsProperty() {
        return budgets;
    }

    /** Whether the selected profile has a key stored (Forget key is offered). */
    public ReadOnlyBooleanProperty keyStoredProperty() {
        return keyStored.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyStatusProperty() {
        return keyStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public String activeProfileId() {
        return settings.activeProfileId();
    }
}
