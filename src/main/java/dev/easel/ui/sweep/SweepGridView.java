package dev.easel.ui.sweep;

import dev.easel.io.Futures;
import dev.easel.jobs.JobPhase;
import dev.easel.jobs.SweepRun;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sweep as a grid, live: X values across, Y down, Z as pages; each cell its picture once saved, else its state;
 * a click shows the cell's picture and values on the right. Cancel sweep, Run again, Extend, Export.
 */
public final class SweepGridView extends BorderPane {

    private static final double CELL = 150;

    /** What the window's buttons do beyond the grid itself: open the dialog again, show a picture. */
    public record Actions(Consumer<SweepRun> rerun, Consumer<SweepRun> extend, Consumer<SweepRun> openPicture) { }

    private final SweepGridModel vm;
    private final GridPane grid = new GridPane();
    private final ComboBox<Integer> pages = new ComboBox<>();
    /** Thumbnails by file: a cell redrawn as others change keeps its picture instead of decoding it again. */
    private final Map<Path, Image> thumbs = new HashMap<>();
    private final ImageView large = new ImageView();
    private final Label details = Labels.wrapped(new Label());

    public SweepGridView(SweepGridModel vm, Actions actions) {
        this.vm = vm;
        setId("sweepGrid");
        setPadding(new Insets(12));
        var title = Labels.wrapped(new Label());
        title.getStyleClass().add("section-title");
        var summary = Labels.wrapped(new Label());
        summary.setId("sweepGridSummary");
        summary.textProperty().bind(vm.summaryProperty());
        var message = Labels.wrapped(new Label());
        message.setId("sweepGridMessage");
        message.getStyleClass().add("job-note");
        message.textProperty().bind(vm.messageProperty());

        var cancel = new Button(Messages.get("sweep.grid.cancel"), Icons.of(Feather.X_CIRCLE));
        cancel.setId("cancelSweepButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> Futures.detach(vm.cancel(), "cancelling a sweep"));
        var rerun = new Button(Messages.get("sweep.grid.rerun"), Icons.of(Feather.REFRESH_CW));
        rerun.setId("rerunSweepButton");
        rerun.setOnAction(e -> actions.rerun().accept(vm.runProperty().get()));
        var extend = new Button(Messages.get("sweep.grid.extend"), Icons.of(Feather.PLUS_SQUARE));
        extend.setId("extendSweepButton");
        extend.setOnAction(e -> actions.extend().accept(vm.runProperty().get()));
        var export = new Button(Messages.get("sweep.grid.export"), Icons.of(Feather.DOWNLOAD));
        export.setId("exportSweepButton");
        export.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle(Messages.get("sweep.grid.export"));
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                Futures.detach(vm.export(dir.toPath()), "exporting a sweep");
            }
        });
        var open = new Button(null, Icons.of(Feather.IMAGE));
        open.setId("openGridPictureButton");
        open.setTooltip(new Tooltip(Messages.get("sweep.grid.openPicture")));
        open.setAccessibleText(Messages.get("sweep.grid.openPicture"));
        open.setOnAction(e -> {
            SweepRun r = vm.runProperty().get();
            if (r != null && r.gridImage() != null) {
                actions.openPicture().accept(r);
            }
        });
        pages.setId("sweepPageBox");
        pages.setTooltip(new Tooltip(Messages.get("sweep.grid.page")));
        pages.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.pageProperty().set(now);
            }
        });
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, pages, spacer, cancel, rerun, extend, export, open);
        bar.setAlignment(Pos.CENTER_LEFT);
        setTop(new VBox(6, title, summary, bar, message));

        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new Insets(8, 0, 0, 0));
        var scroll = new ScrollPane(grid);
        scroll.setFitToWidth(false);
        large.setPreserveRatio(true);
        large.setFitHeight(480);
        details.setId("sweepCellDetails");
        details.setText(Messages.get("sweep.grid.pick"));
        var side = new VBox(10, large, details);
        side.setPadding(new Insets(8));
        side.setMinWidth(260);
        var sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        large.fitWidthProperty().bind(sideScroll.widthProperty().subtract(30));
        var split = new SplitPane(scroll, sideScroll);
        split.setDividerPositions(0.66);
        setCenter(split);

        vm.runProperty().addListener((o, was, now) -> {
            title.setText(now == null ? "" : now.title());
            if (was == null || now == null || !was.id().equals(now.id())) {
                thumbs.clear();
                buildPages(now);
            }
            open.setDisable(now == null || now.gridImage() == null);
        });
        vm.cells().addListener((ListChangeListener<SweepGridModel.Cell>) c -> draw());
        vm.pageProperty().addListener((o, was, now) -> draw());
        vm.selectedProperty().addListener((o, was, now) -> showSelected());
        if (vm.runProperty().get() != null) {
            title.setText(vm.runProperty().get().title());
            buildPages(vm.runProperty().get());
            draw();
        }
    }

    private void buildPages(SweepRun r) {
        pages.getItems().clear();
        boolean z = r != null && r.axes().size() > 2;
        if (z) {
            for (int i = 0; i < r.size(2); i++) {
                pages.getItems().add(i);
            }
            pages.setConverter(Labels.of(i -> i == null ? "" : r.axes().get(2).name() + ": "
                    + r.axes().get(2).labels().get(i)));
            pages.setValue(0);
        }
        pages.setVisible(z);
        pages.setManaged(z);
    }

    private void draw() {
        SweepRun r = vm.runProperty().get();
        grid.getChildren().clear();
        if (r == null) {
            return;
        }
        int columns = r.size(0);
        boolean rowsAxis = r.axes().size() > 1;
        for (int x = 0; x < columns; x++) {
            var head = new Label((x == 0 ? r.axes().getFirst().name() + ": " : "") + r.axes().getFirst().labels().get(x));
            head.setMaxWidth(CELL);
            head.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS); // seeds that differ in their last digits
            grid.add(head, x + 1, 0);
            GridPane.setHalignment(head, HPos.CENTER);
        }
        if (rowsAxis) {
            for (int y = 0; y < r.size(1); y++) {
                var side = new Label((y == 0 ? r.axes().get(1).name() + ": " : "") + r.axes().get(1).labels().get(y));
                side.setWrapText(true);
                side.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
                side.setMaxWidth(120);
                grid.add(side, 0, y + 1);
            }
        }
        for (SweepGridModel.Cell c : vm.pageCells()) {
            grid.add(cell(c), c.x() + 1, c.y() + 1);
        }
    }

    private StackPane cell(SweepGridModel.Cell c) {
        var pane = new StackPane();
        pane.setId("sweepCell" + c.n());
        pane.getStyleClass().add("sweep-cell");
        pane.setPrefSize(CELL, CELL);
        pane.setMinSize(CELL, CELL);
        if (c.file() != null) {
            Image img = thumbs.computeIfAbsent(c.file(), f -> new Image(f.toUri().toString(), CELL, CELL, true, true,
                    true)); // decoded on JavaFX's loader thread, not this one
            var view = new ImageView(img);
            pane.getChildren().add(view);
        } else {
            var state = new Label(SweepGridModel.state(c));
            var box = new VBox(6, state);
            box.setAlignment(Pos.CENTER);
            if (c.phase() == JobPhase.IN_PROGRESS || c.phase() == JobPhase.SAVING) {
                var bar = new ProgressBar(c.progress() >= 0 ? c.progress() : ProgressBar.INDETERMINATE_PROGRESS);
                bar.setPrefWidth(CELL - 30);
                box.getChildren().add(bar);
            }
            pane.getChildren().add(box);
        }
        Tooltip.install(pane, new Tooltip(String.join(" \u00b7 ", c.labels()) + " \u2014 " + SweepGridModel.state(c)));
        pane.setAccessibleText(String.join(", ", c.labels()) + ": " + SweepGridModel.state(c));
        pane.setOnMouseClicked(e -> vm.selectedProperty().set(c));
        return pane;
    }

    private void showSelected() {
        SweepGridModel.Cell c = vm.selectedProperty().get();
        SweepRun r = vm.runProperty().get();
        if (c == null || r == null) {
            large.setImage(null);
            details.setText(Messages.get("sweep.grid.pick"));
            return;
        }
        large.setImage(c.file() == null ? null : new Image(c.file().toUri().toString(), 720, 720, true, true, true));
        details.setText(SweepGridModel.describe(r, c));
    }
}
