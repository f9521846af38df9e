package dev.easel.ui.sweep;

import dev.easel.jobs.SweepRun;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Icons;
import dev.easel.ui.fx.Labels;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

import java.util.List;
import java.util.function.Consumer;

/** Above the gallery while a sweep runs: a tile for it (its axes, how many cells are done); a click opens its grid. */
public final class SweepStrip extends FlowPane {

    private static final double TILE_WIDTH = 220;

    public SweepStrip(SweepRunsModel vm, Consumer<SweepRun> open) {
        super(8, 8);
        setId("sweepStrip");
        getStyleClass().add("pending-strip");
        setPadding(new Insets(6, 12, 6, 12));
        vm.running().addListener((ListChangeListener<SweepRunsModel.Running>) c -> show(vm.running(), open));
        show(vm.running(), open);
    }

    private void show(List<SweepRunsModel.Running> running, Consumer<SweepRun> open) {
        getChildren().setAll(running.stream().map(r -> tile(r, open)).toList());
        setVisible(!running.isEmpty());
        setManaged(!running.isEmpty());
    }

    private static VBox tile(SweepRunsModel.Running r, Consumer<SweepRun> open) {
        var title = Labels.mayBeCut(new Label(r.run().title(), Icons.of(Feather.GRID)));
        title.getStyleClass().add("pending-title");
        title.setMaxWidth(Double.MAX_VALUE);
        var bar = new ProgressBar(r.total() == 0 ? 0 : (double) r.done() / r.total());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(6);
        var state = new Label(Messages.get("sweep.tile", r.done(), r.total()));
        state.getStyleClass().add("pending-state");
        var tile = new VBox(4, title, bar, state);
        tile.setId("sweepTile");
        tile.setAlignment(Pos.CENTER_LEFT);
        tile.getStyleClass().addAll("pending-tile", "sweep-cell");
        tile.setPrefWidth(TILE_WIDTH);
        tile.setMinWidth(TILE_WIDTH);
        tile.setMaxWidth(TILE_WIDTH);
        tile.setPadding(new Insets(8));
        Tooltip.install(tile, new Tooltip(Messages.get("sweep.tile.open", r.run().title())));
        tile.setAccessibleText(r.run().title() + ": " + state.getText());
        tile.setOnMouseClicked(e -> open.accept(r.run()));
        return tile;
    }
}
