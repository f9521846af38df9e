package dev.easel.ui.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.easel.text.Messages;
import dev.easel.ui.session.WorkflowSession;
import dev.easel.workflow.Binding;
import dev.easel.workflow.Bindings;
import dev.easel.workflow.NodeCatalog;
import dev.easel.workflow.Parameter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The parameter panel's state: one property per bound parameter, shown only when the workflow has it. Changes go
 * to the session (and so to the JSON); session changes (a template, a JSON edit) come back here.
 */
public final class ParamsViewModel {

    private Runnable sweepAction = () -> { };

    /** How the seed changes from one Generate to the next. */
    public enum SeedMode { RANDOM, FIXED, INCREMENT }

    /** A size preset offered next to the size fields. */
    public record Preset(int width, int height) { }

    /** Size presets (width × height) offered next to the size fields. */
    public static final List<Preset> PRESETS = List.of(new Preset(512, 512), new Preset(768, 768),
            new Preset(1024, 1024), new Preset(832, 1216), new Preset(1216, 832), new Preset(896, 1152),
            new Preset(1152, 896), new Preset(768, 1344), new Preset(1344, 768));

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final long MAX_SEED = (1L << 53) - 1; // exact in JSON readers everywhere

    private final WorkflowSession session;
    private final RandomGenerator random;
    private final Map<Parameter, ReadOnlyBooleanWrapper> present = new EnumMap<>(Parameter.class);
    private final Map<Parameter, ReadOnlyBooleanWrapper> shown = new EnumMap<>(Parameter.class);
    private final IntegerProperty steps = new SimpleIntegerProperty();
    private final ObjectProperty<BigDecimal> cfg = new SimpleObjectProperty<>(BigDecimal.ONE);
    private final ObjectProperty<BigDecimal> guidance = new SimpleObjectProperty<>(BigDecimal.ONE);
    private final ObjectProperty<BigDecimal> denoise = new SimpleObjectProperty<>(BigDecimal.ONE);
    private final IntegerProperty width = new SimpleIntegerProperty();
    private final IntegerProperty height = new SimpleIntegerProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty(1);
    private final IntegerProperty batchCount = new SimpleIntegerProperty(1);
    private final BooleanProperty lowPriority = new SimpleBooleanProperty(false);
    private final ObjectProperty<Long> seed = new SimpleObjectProperty<>(0L);
    private final ObjectProperty<SeedMode> seedMode = new SimpleObjectProperty<>(SeedMode.RANDOM);
    private final StringProperty sampler = new SimpleStringProperty();
    private final StringProperty scheduler = new SimpleStringProperty();
    private final BooleanProperty aspectLocked = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper sizeStep = new ReadOnlyIntegerWrapper(8);
    private final ObservableList<String> samplers = FXCollections.observableArrayList(NodeCatalog.SAMPLERS);
    private final ObservableList<String> schedulers = FXCollections.observableArrayList(NodeCatalog.SCHEDULERS);
    private boolean loading;
    private boolean drawing;
    private boolean followingAspect;
    private final ObservableList<String> loadImageNodes = FXCollections.observableArrayList();

    public ParamsViewModel(WorkflowSession session, RandomGenerator random) {
        this(session, random, SeedMode.RANDOM);
    }

    /** @param mode the seed mode to start in (the one the user had, when the studio is rebuilt) */
    public ParamsViewModel(WorkflowSession session, RandomGenerator random, SeedMode mode) {
        this.session = session;
        this.random = random;
        seedMode.set(mode);
        for (Parameter p : Parameter.values()) {
            present.put(p, new ReadOnlyBooleanWrapper(false));
            shown.put(p, new ReadOnlyBooleanWrapper(false));
        }
        session.workflowProperty().addListener((o, was, now) -> load());
        load();
        // a seed the user types is the seed they want: Fixed (a drawn or loaded seed leaves the mode alone)
        seed.addListener((o, was, now) -> {
            if (!loading && !drawing && now != null && !now.equals(was)) {
                seedMode.set(SeedMode.FIXED);
            }
        });
        push(steps, Parameter.STEPS, v -> F.numberNode(v.intValue()));
        push(cfg, Parameter.CFG, F::numberNode);
        push(guidance, Parameter.GUIDANCE, F::numberNode);
        push(denoise, Parameter.DENOISE, F::numberNode);
        push(batchSize, Parameter.BATCH_SIZE, v -> F.numberNode(v.intValue()));
        push(seed, Parameter.SEED, F::numberNode);
        push(sampler, Parameter.SAMPLER, F::textNode);
        push(scheduler, Parameter.SCHEDULER, F::textNode);
        width.addListener((o, was, now) -> sizeChanged(Parameter.WIDTH, was.intValue(), now.intValue()));
        height.addListener((o, was, now) -> sizeChanged(Parameter.HEIGHT, was.intValue(), now.intValue()));
        // Random means a fresh seed: not the template's, at the start and when a template is chosen
        drawIfRandom();
        session.templateProperty().addListener((o, was, now) -> {
            drawIfRandom();
            showWhatTheTemplateShows();
        });
        session.fromTemplateProperty().addListener((o, was, now) -> showWhatTheTemplateShows());
    }

    private <T> void push(ObservableValue<T> prop, Parameter p,
                          Function<T, JsonNode> toJson) {
        prop.addListener((o, was, now) -> {
            if (!loading && now != null) {
                session.set(p, toJson.apply(now));
            }
        });
    }

    /** Reads every value from the session's workflow. */
    private void load() {
        loading = true;
        try {
            Bindings b = session.bindingsProperty().get();
            for (Parameter p : Parameter.values()) {
                present.get(p).set(b.has(p));
            }
            showWhatTheTemplateShows();
            sizeStep.set(Math.max(1, b.sizeStep()));
            List<String> nodes = b.loadImages().stream().map(Binding::nodeId).toList();
            if (!nodes.equals(loadImageNodes)) {
                loadImageNodes.setAll(nodes);
            }
            session.value(Parameter.STEPS).ifPresent(v -> steps.set(v.asInt()));
            session.value(Parameter.CFG).ifPresent(v -> cfg.set(v.decimalValue()));
            session.value(Parameter.GUIDANCE).ifPresent(v -> guidance.set(v.decimalValue()));
            session.value(Parameter.DENOISE).ifPresent(v -> denoise.set(v.decimalValue()));
            session.value(Parameter.WIDTH).ifPresent(v -> width.set(v.asInt()));
            session.value(Parameter.HEIGHT).ifPresent(v -> height.set(v.asInt()));
            session.value(Parameter.BATCH_SIZE).ifPresent(v -> batchSize.set(v.asInt()));
            session.value(Parameter.SEED).ifPresent(v -> seed.set(v.asLong()));
            session.value(Parameter.SAMPLER).ifPresent(v -> {
                if (!samplers.contains(v.asText())) {
                    samplers.add(v.asText());
                }
                sampler.set(v.asText());
            });
            session.value(Parameter.SCHEDULER).ifPresent(v -> {
                if (!schedulers.contains(v.asText())) {
                    schedulers.add(v.asText());
                }
                scheduler.set(v.asText());
            });
        } finally {
            loading = false;
        }
    }

    private void sizeChanged(Parameter p, int was, int now) {
        if (loading) {
            return;
        }
        int step = sizeStep.get();
        int snapped = Math.max(step, Math.round(now / (float) step) * step);
        if (snapped != now) {
            (p == Parameter.WIDTH ? width : height).set(snapped); // comes back here with the snapped value
            return;
        }
        session.set(p, F.numberNode(now));
        if (aspectLocked.get() && was > 0 && !followingAspect) {
            IntegerProperty other = p == Parameter.WIDTH ? height : width;
            int scaled = Math.max(step, Math.round(other.get() * (now / (float) was) / step) * step);
            if (scaled != other.get()) {
                followingAspect = true; // the other side follows; it must not drag this one back
                try {
                    other.set(scaled);
                } finally {
                    followingAspect = false;
                }
            }
        }
    }

    /** Applies a size preset, rounded to the node's step. */
    public void preset(int w, int h) {
        boolean locked = aspectLocked.get();
        aspectLocked.set(false);
        width.set(w);
        height.set(h);
        aspectLocked.set(locked);
    }

    /** Swaps width and height. */
    public void swapSize() {
        boolean locked = aspectLocked.get();
        aspectLocked.set(false);
        int w = width.get();
        width.set(height.get());
        height.set(w);
        aspectLocked.set(locked);
    }

    /** The LoadImage nodes that need a picture, by node id. */
    public ObservableList<String> loadImageNodes() {
        return loadImageNodes;
    }

    /** Chooses the picture sent for a LoadImage node. */
    public void chooseInputImage(String nodeId, Path file) {
        session.inputImages().put(nodeId, file);
    }

    /** What the row of a LoadImage node says: the chosen file, or the name in the workflow. */
    public String inputImageLabel(String nodeId) {
        Path chosen = session.inputImages().get(nodeId);
        if (chosen != null) {
            return chosen.getFileName().toString();
        }
        return session.getWorkflow().value(nodeId, "image").map(v -> Messages.get("params.onTheEndpoint", v.asText()))
                .orElse(Messages.get("params.noneChosen"));
    }

    public ObservableMap<String, Path> inputImages() {
        return session.inputImages();
    }

    /** A new random seed (the dice); the seed mode stays. */
    public void randomizeSeed() {
        drawing = true;
        try {
            seed.set(random.nextLong(MAX_SEED));
        } finally {
            drawing = false;
        }
    }

    private void drawIfRandom() {
        if (seedMode.get() == SeedMode.RANDOM && present.get(Parameter.SEED).get()) {
            randomizeSeed();
        }
    }

    /** Keeps the seed the workflow has for every Generate ("Use these settings": the same picture again). */
    public void fixSeed() {
        seedMode.set(SeedMode.FIXED);
    }

    /**
     * The seed for the next job by the seed mode (a new random one, the same one, or one more), set in the
     * workflow so the panel and the JSON show the seed that is sent.
     */
    public long nextSeed() {
        drawing = true;
        try {
            switch (seedMode.get()) {
                case RANDOM -> randomizeSeed();
                case INCREMENT -> seed.set(seed.get() >= MAX_SEED ? 0 : seed.get() + 1);
                case FIXED -> { }
            }
        } finally {
            drawing = false;
        }
        return seed.get();
    }

    /** Whether the graph has this parameter. */
    public ReadOnlyBooleanProperty presentProperty(Parameter p) {
        return present.get(p).getReadOnlyProperty();
    }

    /**
     * Whether the panel shows this parameter: the graph has it and, for a graph from a template, the template shows
     * it (a saved template can hide some; the graph keeps their values).
     */
    public ReadOnlyBooleanProperty shownProperty(Parameter p) {
        return shown.get(p).getReadOnlyProperty();
    }

    private void showWhatTheTemplateShows() {
        var t = session.templateProperty().get();
        for (Parameter p : Parameter.values()) {
            shown.get(p).set(present.get(p).get() && (t == null || !session.fromTemplate() || t.shows(p)));
        }
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<BigDecimal> cfgProperty() {
        return cfg;
    }

    public ObjectProperty<BigDecimal> guidanceProperty() {
        return guidance;
    }

    public ObjectProperty<BigDecimal> denoiseProperty() {
        return denoise;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty batchCountProperty() {
        return batchCount;
    }

    /** Send with low priority: Runpod starts no worker for the jobs; they wait for one that is up. */
    public BooleanProperty lowPriorityProperty() {
        return lowPriority;
    }

    public ObjectProperty<Long> seedProperty() {
        return seed;
    }

    public ObjectProperty<SeedMode> seedModeProperty() {
        return seedMode;
    }

    public StringProperty samplerProperty() {
        return sampler;
    }

    public StringProperty schedulerProperty() {
        return scheduler;
    }

    public BooleanProperty aspectLockedProperty() {
        return aspectLocked;
    }

    public ReadOnlyIntegerProperty sizeStepProperty() {
        return sizeStep.getReadOnlyProperty();
    }

    public ObservableList<String> samplers() {
        return samplers;
    }

    public ObservableList<String> schedulers() {
        return schedulers;
    }

    /** What "Sweep…" does (the window opens the sweep dialog); nothing until set. */
    public void setSweepAction(Runnable action) {
        this.sweepAction = action;
    }

    public void openSweep() {
        sweepAction.run();
    }
}
