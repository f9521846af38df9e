package dev.easel.ui.sweep;

import dev.easel.io.Futures;
import dev.easel.jobs.SweepRun;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Forms;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "Sweep…": three axis rows (X, Y, Z), each a kind and its values; below, what Send would do (jobs, time, cost,
 * budget) or what is wrong; Send journals and queues the cells, closes, and hands the sweep to its grid window.
 */
public final class SweepDialog extends BorderPane {

    private static final String[] AXES = {"X", "Y", "Z"};

    public SweepDialog(SweepModel vm, Consumer<SweepRun> onSent, Runnable onClose, Supplier<List<String>> checkpoints) {
        setPadding(new Insets(14));
        var heading = new Label();
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(vm.titleProperty());
        var intro = Labels.wrapped(new Label(Messages.get("sweep.intro")));

        var grid = Forms.grid(8, 8, 0);
        for (int i = 0; i < vm.rows().size(); i++) {
            SweepModel.Row row = vm.rows().get(i);
            var kind = new ComboBox<>(vm.kinds());
            kind.setId("sweepKind" + AXES[i]);
            kind.setConverter(Labels.of(SweepDialog::kindLabel));
            kind.valueProperty().bindBidirectional(row.kindProperty());
            kind.setPrefWidth(150);
            var values = new TextField();
            values.setId("sweepValues" + AXES[i]);
            values.textProperty().bindBidirectional(row.valuesProperty());
            values.promptTextProperty().bind(Bindings.createStringBinding(() -> row.kindProperty().get() == null
                    ? "" : row.kindProperty().get().example(), row.kindProperty()));
            values.disableProperty().bind(row.kindProperty().isEqualTo(SweepKind.NONE));
            values.setPrefColumnCount(28);
            HBox.setHgrow(values, Priority.ALWAYS);
            var fromFile = new Button(null, Icons.of(Feather.FILE_TEXT));
            fromFile.setId("sweepFromFile" + AXES[i]);
            fromFile.setTooltip(new Tooltip(Messages.get("sweep.fromFile")));
            fromFile.setAccessibleText(Messages.get("sweep.fromFile"));
            fromFile.visibleProperty().bind(row.kindProperty().isEqualTo(SweepKind.PROMPTS)
                    .or(row.kindProperty().isEqualTo(SweepKind.ROWS)));
            fromFile.managedProperty().bind(fromFile.visibleProperty());
            fromFile.setOnAction(e -> {
                var chooser = new FileChooser();
                chooser.setTitle(Messages.get("sweep.fromFile"));
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("sweep.fromFile.kinds"),
                        "*.txt", "*.csv"));
                File f = chooser.showOpenDialog(getScene().getWindow());
                if (f != null) {
                    Futures.detach(vm.promptsFrom(f.toPath(), row), "reading prompts from a file");
                }
            });
            var pick = new MenuButton(null, Icons.of(Feather.LIST));
            pick.setId("sweepPickModel" + AXES[i]);
            pick.setTooltip(new Tooltip(Messages.get("sweep.pickModel")));
            pick.setAccessibleText(Messages.get("sweep.pickModel"));
            pick.visibleProperty().bind(row.kindProperty().isEqualTo(SweepKind.MODEL));
            pick.managedProperty().bind(pick.visibleProperty());
            pick.setOnShowing(e -> pick.getItems().setAll(checkpointItems(checkpoints.get(), row)));
            var axis = new Label(AXES[i]);
            axis.getStyleClass().add("field-label");
            axis.setLabelFor(kind);
            var field = new HBox(6, values, fromFile, pick);
            field.setAlignment(Pos.CENTER_LEFT);
            grid.addRow(i, axis, kind, field);
        }

        var summary = Labels.wrapped(new Label());
        summary.setId("sweepSummary");
        summary.textProperty().bind(vm.summaryProperty());
        var problem = Labels.wrapped(new Label());
        problem.setId("sweepProblem");
        problem.getStyleClass().add("job-error");
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        var center = new VBox(12, heading, intro, grid);
        if (!vm.share().options().isEmpty()) {
            center.getChildren().add(shareRow(vm.share()));
        }
        center.getChildren().addAll(summary, problem);
        setCenter(center);

        var send = new Button(null, Icons.of(Feather.GRID));
        send.setId("sendSweepButton");
        send.getStyleClass().add("accent");
        send.defaultButtonProperty().bind(vm.askFirstProperty().not()); // many jobs: a click, not an Enter
        send.textProperty().bind(Bindings.createStringBinding(() -> vm.countProperty().get() == 0
                ? Messages.get("sweep.send.none") : Messages.get("sweep.send", vm.countProperty().get()),
                vm.countProperty()));
        send.disableProperty().bind(vm.cellsProperty().isEqualTo(0).or(vm.problemProperty().isNotNull())
                .or(vm.busyProperty()));
        send.setOnAction(e -> Futures.detach(vm.send().thenAccept(run -> run.ifPresent(r -> {
            onClose.run();
            onSent.accept(r);
        })), "sending a sweep"));
        var cancel = new Button(Messages.get("sweep.close"));
        cancel.setId("closeSweepButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        var buttons = new HBox(8, send, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        setBottom(buttons);
    }

    /** "Also on": a box for each other endpoint the cells may go to. */
    private static HBox shareRow(SweepShareModel share) {
        var label = new Label(Messages.get("sweep.alsoOn"));
        label.getStyleClass().add("field-label");
        var row = new HBox(10, label);
        row.setAlignment(Pos.CENTER_LEFT);
        for (SweepShareModel.Option o : share.options()) {
            var box = new CheckBox(o.name());
            box.setId("sweepShare-" + o.endpointId());
            box.selectedProperty().bindBidirectional(o.chosenProperty());
            box.setTooltip(new Tooltip(Messages.get("sweep.alsoOn.tip")));
            row.getChildren().add(box);
        }
        return row;
    }

    /** The endpoint's checkpoints, each adding itself to the row's values; a line saying so when none is known. */
    private static List<MenuItem> checkpointItems(List<String> known, SweepModel.Row row) {
        if (known.isEmpty()) {
            var none = new MenuItem(Messages.get("sweep.pickModel.none"));
            none.setDisable(true);
            return List.of(none);
        }
        return known.stream().map(m -> {
            var item = new MenuItem(m);
            item.setOnAction(e -> {
                String now = row.valuesProperty().get() == null ? "" : row.valuesProperty().get().strip();
                row.valuesProperty().set(now.isEmpty() ? m : now + ", " + m);
            });
            return item;
        }).toList();
    }

    /** Opens the dialog over {@code owner}; the model is already set to its graph. */
    public static Stage open(Window owner, SweepModel vm, Consumer<SweepRun> onSent, Supplier<List<String>> checkpoints) {
        var stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.titleProperty().bind(vm.titleProperty());
        var scene = new Scene(new SweepDialog(vm, onSent, stage::close, checkpoints), 640, 400);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        Futures.detach(vm.refreshWorkers(), "asking how many workers are up");
        return stage;
    }

    static String kindLabel(SweepKind k) {
        if (k == null) {
            return "";
        }
        return switch (k) {
            case NONE -> Messages.get("sweep.kind.none");
            case SEEDS -> Messages.get("sweep.kind.seeds");
            case SEED -> Messages.get("sweep.kind.seed");
            case STEPS -> Messages.get("sweep.kind.steps");
            case CFG -> Messages.get("sweep.kind.cfg");
            case GUIDANCE -> Messages.get("sweep.kind.guidance");
            case DENOISE -> Messages.get("sweep.kind.denoise");
            case SAMPLER -> Messages.get("sweep.kind.sampler");
            case SCHEDULER -> Messages.get("sweep.kind.scheduler");
            case SIZE -> Messages.get("sweep.kind.size");
            case MODEL -> Messages.get("sweep.kind.model");
            case PROMPT_SR -> Messages.get("sweep.kind.promptSr");
            case PROMPTS -> Messages.get("sweep.kind.prompts");
            case ROWS -> Messages.get("sweep.kind.rows");
        };
    }
}
