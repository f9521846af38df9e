package dev.easel.ui.params;

import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import dev.easel.workflow.Parameter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.converter.LongStringConverter;
import org.kordamp.ikonli.feather.Feather;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/** The parameter panel: only the controls the workflow has. */
public final class ParamsView extends GridPane {

    private int row;

    public ParamsView(ParamsViewModel vm) {
        getStyleClass().add("params-view");
        setHgap(8);
        setVgap(8);
        var labels = new ColumnConstraints();
        labels.setMinWidth(86);
        var fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(labels, fields);

        // size
        var width = intSpinner("widthSpinner", 16, 16384, vm.widthProperty(), vm.sizeStepProperty().get());
        var height = intSpinner("heightSpinner", 16, 16384, vm.heightProperty(), vm.sizeStepProperty().get());
        vm.sizeStepProperty().addListener((o, was, step) -> {
            ((SpinnerValueFactory.IntegerSpinnerValueFactory) width.getValueFactory()).setAmountToStepBy(step.intValue());
            ((SpinnerValueFactory.IntegerSpinnerValueFactory) height.getValueFactory()).setAmountToStepBy(step.intValue());
        });
        var lock = new ToggleButton(null, Icons.of(Feather.LOCK));
        lock.setId("aspectLockButton");
        lock.setTooltip(new Tooltip(Messages.get("params.keepTheAspectRatio")));
        lock.selectedProperty().bindBidirectional(vm.aspectLockedProperty());
        var swap = new Button(null, Icons.of(Feather.REPEAT));
        swap.setTooltip(new Tooltip(Messages.get("params.swapWidthAndHeight")));
        swap.setOnAction(e -> vm.swapSize());
        var presets = new MenuButton(null, Icons.of(Feather.MAXIMIZE));
        presets.setTooltip(new Tooltip(Messages.get("params.sizePresets")));
        for (var p : ParamsViewModel.PRESETS) {
            var item = new MenuItem(p.width() + " × " + p.height());
            item.setOnAction(e -> vm.preset(p.width(), p.height()));
            presets.getItems().add(item);
        }
        for (var s : List.of(width, height)) {
            s.setMinWidth(92);
            s.setPrefWidth(100);
        }
        var sizeFields = new HBox(4, width, new Label("×"), height);
        sizeFields.setAlignment(Pos.CENTER_LEFT);
        var sizeTools = new HBox(4, lock, swap, presets);
        add(Messages.get("params.size"), new VBox(4, sizeFields, sizeTools), vm, Parameter.WIDTH);

        add(Messages.get("params.steps"), intSpinner("stepsSpinner", 1, 10000, vm.stepsProperty(), 1), vm, Parameter.STEPS);
        add(Messages.get("params.cfg"), decimalSpinner("cfgSpinner", 0, 100, 0.5, vm.cfgProperty()), vm, Parameter.CFG);
        add(Messages.get("params.guidance"),
                decimalSpinner("guidanceSpinner", 0, 100, 0.5, vm.guidanceProperty()), vm, Parameter.GUIDANCE);
        add(Messages.get("params.denoise"),
                decimalSpinner("denoiseSpinner", 0, 1, 0.05, vm.denoiseProperty()), vm, Parameter.DENOISE);

        // seed
        var seed = new TextField();
        seed.setId("seedField");
        seed.setTextFormatter(new TextFormatter<>(new LongStringConverter(), 0L,
                c -> c.getControlNewText().matches("\\d{0,16}") ? c : null));
        @SuppressWarnings("unchecked")
        var seedValue = (ObjectProperty<Long>) seed.getTextFormatter().valueProperty();
        seedValue.bindBidirectional(vm.seedProperty());
        var dice = new Button(null, Icons.of(Feather.SHUFFLE));
        dice.setId("randomSeedButton");
        dice.setTooltip(new Tooltip(Messages.get("params.aNewRandomSeed")));
        dice.setOnAction(e -> vm.randomizeSeed());
        var mode = new ComboBox<ParamsViewModel.SeedMode>();
        mode.setId("seedModeBox");
        mode.getItems().setAll(ParamsViewModel.SeedMode.values());
        mode.valueProperty().bindBidirectional(vm.seedModeProperty());
        mode.setTooltip(new Tooltip(Messages.get("params.whatTheSeedDoes")));
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(ParamsViewModel.SeedMode m) {
                return m == null ? "" : switch (m) {
                    case RANDOM -> Messages.get("params.seed.random");
                    case FIXED -> Messages.get("params.seed.fixed");
                    case INCREMENT -> Messages.get("params.seed.increment");
                };
            }

            @Override
            public ParamsViewModel.SeedMode fromString(String s) {
                return null;
            }
        });
        HBox.setHgrow(seed, Priority.ALWAYS);
        seed.setMinWidth(120);
        mode.setMinWidth(130);
        add(Messages.get("params.seed"), new VBox(4, new HBox(4, seed, dice), mode), vm, Parameter.SEED);

        var sampler = combo("samplerBox", vm.samplers(), vm.samplerProperty());
        add(Messages.get("params.sampler"), sampler, vm, Parameter.SAMPLER);
        var scheduler = combo("schedulerBox", vm.schedulers(), vm.schedulerProperty());
        add(Messages.get("params.scheduler"), scheduler, vm, Parameter.SCHEDULER);

        var batch = intSpinner("batchSizeSpinner", 1, 64, vm.batchSizeProperty(), 1);
        batch.setPrefWidth(80);
        batch.setTooltip(new Tooltip(Messages.get("params.imagesPerJob")));
        var count = intSpinner("batchCountSpinner", 1, 100, vm.batchCountProperty(), 1);
        count.setPrefWidth(80);
        count.setTooltip(new Tooltip(Messages.get("params.jobsPerGenerate")));
        var sweep = new Button(Messages.get("params.sweep"), Icons.of(Feather.GRID));
        sweep.setId("sweepButton");
        sweep.setTooltip(new Tooltip(Messages.get("params.sweep.tooltip")));
        sweep.setOnAction(e -> vm.openSweep());
        var batchRow = new HBox(6, batch, Labels.uncut(new Label(Messages.get("params.count"))), count);
        batchRow.setAlignment(Pos.CENTER_LEFT);
        var batchLabel = Labels.uncut(new Label(Messages.get("params.batch")));
        batchLabel.getStyleClass().add("field-label");
        addRow(row++, batchLabel, batchRow);
        batch.disableProperty().bind(vm.presentProperty(Parameter.BATCH_SIZE).not());
        var low = new CheckBox(Messages.get("params.lowPriority"));
        low.setId("lowPriorityBox");
        low.setWrapText(true);
        low.setTooltip(new Tooltip(Messages.get("params.lowPriority.tooltip")));
        low.selectedProperty().bindBidirectional(vm.lowPriorityProperty());
        addRow(row++, new Label(), low);
        addRow(row++, new Label(), sweep);

        // one row per Load Image node: the picture sent with each job
        var images = new VBox(6);
        images.setId("inputImages");
        Runnable rebuild = () -> images.getChildren().setAll(vm.loadImageNodes().stream()
                .map(node -> new InputImageRow(vm, node)).toList());
        vm.loadImageNodes().addListener((ListChangeListener<String>) c -> rebuild.run());
        vm.inputImages().addListener((MapChangeListener<String, Path>) c -> rebuild.run());
        rebuild.run();
        var imagesLabel = Labels.uncut(new Label(Messages.get("params.inputImage")));
        imagesLabel.getStyleClass().add("field-label");
        addRow(row++, imagesLabel, images);
        for (Node n : new Node[] {imagesLabel, images}) {
            n.visibleProperty().bind(Bindings.isNotEmpty(vm.loadImageNodes()));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private void add(String label, Node field, ParamsViewModel vm, Parameter p) {
        var l = Labels.uncut(new Label(label));
        l.getStyleClass().add("field-label");
        l.setLabelFor(field);
        addRow(row++, l, field);
        for (Node n : new Node[] {l, field}) {
            n.visibleProperty().bind(vm.shownProperty(p));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, IntegerProperty prop,
                                               int step) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, Math.max(min, prop.get()), step);
        var s = new Spinner<>(factory);
        s.setId(id);
        s.setEditable(true);
        prop.addListener((o, was, now) -> {
            if (!now.equals(factory.getValue())) {
                factory.setValue(now.intValue());
            }
        });
        factory.valueProperty().addListener((o, was, now) -> {
            if (now != null && now != prop.get()) {
                prop.set(now);
            }
        });
        return s;
    }

    private static Spinner<Double> decimalSpinner(String id, double min, double max, double step,
                                                  ObjectProperty<BigDecimal> prop) {
        var factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max,
                prop.get() == null ? min : prop.get().doubleValue(), step);
        var s = new Spinner<>(factory);
        s.setId(id);
        s.setEditable(true);
        prop.addListener((o, was, now) -> {
            if (now != null && (factory.getValue() == null || now.doubleValue() != factory.getValue())) {
                factory.setValue(now.doubleValue());
            }
        });
        factory.valueProperty().addListener((o, was, now) -> {
            if (now != null && (prop.get() == null || prop.get().doubleValue() != now)) {
                prop.set(BigDecimal.valueOf(now).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros());
            }
        });
        return s;
    }

    private static ComboBox<String> combo(String id, ObservableList<String> items,
                                          Property<String> value) {
        var c = new ComboBox<>(items);
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        c.valueProperty().bindBidirectional(value);
        return c;
    }
}
