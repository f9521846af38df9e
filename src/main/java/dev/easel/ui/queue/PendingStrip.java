package dev.easel.ui.queue;

import dev.easel.jobs.Job;
import dev.easel.jobs.JobPhase;
import dev.easel.text.Messages;
import dev.easel.ui.fx.Labels;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Above the gallery while jobs run: a placeholder tile for each picture on its way, with its progress (the
 * worker's, or an estimate from the run times learned so far, said as one). Hidden when nothing runs.
 */
public final class PendingStrip extends FlowPane {

    /** How many placeholders are drawn; more are counted in the last one. */
    static final int MAX_TILES = 6;
    private static final double TILE_WIDTH = 170;

    public PendingStrip(QueueViewModel vm) {
        super(8, 8);
        setId("pendingStrip");
        getStyleClass().add("pending-strip");
        setPadding(new Insets(6, 12, 6, 12));
        vm.live().addListener((ListChangeListener<Job>) c -> show(vm.live()));
        show(vm.live());
    }

    private void show(List<Job> live) {
        List<Region> tiles = new ArrayList<>();
        for (Job j : live.subList(0, Math.min(live.size(), MAX_TILES))) {
            tiles.add(tile(j));
        }
        if (live.size() > MAX_TILES) {
            var more = new Label(Messages.get("pending.more", live.size() - MAX_TILES));
            more.getStyleClass().add("pending-more");
            tiles.add(more);
        }
        getChildren().setAll(tiles);
        setVisible(!live.isEmpty());
        setManaged(!live.isEmpty());
    }

    private static Region tile(Job j) {
        String prompt = j.prompt() == null || j.prompt().isBlank() ? Messages.get("job.noPrompt") : j.prompt();
        var title = Labels.mayBeCut(new Label(prompt));
        title.setTooltip(new Tooltip(prompt));
        title.getStyleClass().add("pending-title");
        title.setMaxWidth(Double.MAX_VALUE);
        var bar = new ProgressBar(j.phase() == JobPhase.IN_PROGRESS && j.progress() >= 0 ? j.progress()
                : ProgressBar.INDETERMINATE_PROGRESS);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(6);
        var state = new Label(words(j));
        state.getStyleClass().add("pending-state");
        state.setWrapText(true);
        state.setMinHeight(Region.USE_PREF_SIZE);
        var tile = new VBox(4, title, bar, state);
        tile.setAlignment(Pos.CENTER_LEFT);
        tile.getStyleClass().add("pending-tile");
        tile.setPrefWidth(TILE_WIDTH);
        tile.setMinWidth(TILE_WIDTH);
        tile.setMaxWidth(TILE_WIDTH);
        tile.setPadding(new Insets(8));
        return tile;
    }

    /** "Running · 45 %", "Running · ≈ 45 % (estimate)", "In queue", …: what the placeholder says. */
    static String words(Job j) {
        if (j.phase() != JobPhase.IN_PROGRESS) {
            return JobCell.label(j);
        }
        if (j.progress() < 0) {
            return Messages.get("pending.running");
        }
        String percent = String.format(Locale.ROOT, "%d", Math.round(j.progress() * 100));
        return j.progressIsEstimate() ? Messages.get("pending.estimate", percent) : Messages.get("pending.percent", percent);
    }
}
